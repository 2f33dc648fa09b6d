// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vrrp.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/vrrp.h>

/* Integer value ranges */
static const struct netlink_range_validation vrrp_a_track_ttl_range = {
	.min	= 1ULL,
	.max	= VRRP_CHECK_TTL_MAX,
};

static const struct netlink_range_validation vrrp_a_router_interval_range = {
	.min	= VRRP_INTERVAL_MIN,
	.max	= VRRP_INTERVAL_MAX_V2,
};

static const struct netlink_range_validation vrrp_a_router_preempt_delay_range = {
	.max	= VRRP_PREEMPT_DELAY_MAX,
};

static const struct netlink_range_validation vrrp_a_router_garp_repeat_delay_range = {
	.max	= VRRP_GARP_REPEAT_MAX,
};

static const struct netlink_range_validation vrrp_a_router_garp_refresh_range = {
	.max	= VRRP_GARP_REFRESH_MAX,
};

static const struct netlink_range_validation vrrp_a_router_track_delay_up_range = {
	.max	= VRRP_PREEMPT_DELAY_MAX,
};

static const struct netlink_range_validation vrrp_a_router_track_delay_down_range = {
	.max	= VRRP_PREEMPT_DELAY_MAX,
};

static const struct netlink_range_validation vrrp_a_router_ra_interval_range = {
	.min	= VRRP_RA_INTERVAL_MIN,
	.max	= VRRP_RA_INTERVAL_MAX,
};

static const struct netlink_range_validation vrrp_a_router_ra_mtu_range = {
	.max	= VRRP_RA_MTU_MAX,
};

/* Common nested types */
const struct nla_policy vrrp_ra_prefix_nl_policy[VRRP_A_RA_PREFIX_PREFERRED_LIFETIME + 1] = {
	[VRRP_A_RA_PREFIX_PREFIX] = NLA_POLICY_EXACT_LEN(16),
	[VRRP_A_RA_PREFIX_PREFIXLEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[VRRP_A_RA_PREFIX_ON_LINK] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_RA_PREFIX_AUTONOMOUS] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_RA_PREFIX_VALID_LIFETIME] = { .type = NLA_U32, },
	[VRRP_A_RA_PREFIX_PREFERRED_LIFETIME] = { .type = NLA_U32, },
};

const struct nla_policy vrrp_track_nl_policy[VRRP_A_TRACK_EXPIRED + 1] = {
	[VRRP_A_TRACK_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_A_TRACK_IFNAME] = { .type = NLA_NUL_STRING, .len = VRRP_NAME_LEN_MAX, },
	[VRRP_A_TRACK_NAME] = { .type = NLA_NUL_STRING, .len = VRRP_NAME_LEN_MAX, },
	[VRRP_A_TRACK_WEIGHT] = NLA_POLICY_MAX(NLA_U8, VRRP_WEIGHT_MAX),
	[VRRP_A_TRACK_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_TRACK_TTL] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_track_ttl_range),
	[VRRP_A_TRACK_TTL_LEFT] = { .type = NLA_U32, },
	[VRRP_A_TRACK_EXPIRED] = { .type = NLA_U8, },
};

const struct nla_policy vrrp_vip_nl_policy[VRRP_A_VIP_PREFIXLEN + 1] = {
	[VRRP_A_VIP_ADDR4] = { .type = NLA_U32, },
	[VRRP_A_VIP_ADDR6] = NLA_POLICY_EXACT_LEN(16),
	[VRRP_A_VIP_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

/* VRRP_CMD_ADD - do */
const struct nla_policy vrrp_add_nl_policy[VRRP_A_ROUTER_MODE + 1] = {
	[VRRP_A_ROUTER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_A_ROUTER_VRID] = NLA_POLICY_RANGE(NLA_U8, 1, VRRP_VRID_MAX),
	[VRRP_A_ROUTER_FAMILY] = NLA_POLICY_RANGE(NLA_U8, 1, 2),
	[VRRP_A_ROUTER_VERSION] = NLA_POLICY_RANGE(NLA_U8, 2, 3),
	[VRRP_A_ROUTER_PRIORITY] = NLA_POLICY_RANGE(NLA_U8, 1, 255),
	[VRRP_A_ROUTER_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_interval_range),
	[VRRP_A_ROUTER_PREEMPT] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_ACCEPT] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_PREEMPT_DELAY] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_preempt_delay_range),
	[VRRP_A_ROUTER_VIP] = NLA_POLICY_NESTED(vrrp_vip_nl_policy),
	[VRRP_A_ROUTER_PEER] = NLA_POLICY_NESTED(vrrp_vip_nl_policy),
	[VRRP_A_ROUTER_CHECKSUM] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_FORWARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_MODE] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_VMAC] = NLA_POLICY_EXACT_LEN(6),
	[VRRP_A_ROUTER_GARP_COUNT] = NLA_POLICY_RANGE(NLA_U8, 1, VRRP_GARP_COUNT_MAX),
	[VRRP_A_ROUTER_GARP_SPACING] = NLA_POLICY_MAX(NLA_U32, VRRP_GARP_SPACING_MAX),
	[VRRP_A_ROUTER_GARP_REPEAT_DELAY] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_garp_repeat_delay_range),
	[VRRP_A_ROUTER_GARP_REFRESH] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_garp_refresh_range),
	[VRRP_A_ROUTER_V2_COMPAT] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_TRACK] = NLA_POLICY_NESTED(vrrp_track_nl_policy),
	[VRRP_A_ROUTER_TRACK_DELAY_UP] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_track_delay_up_range),
	[VRRP_A_ROUTER_TRACK_DELAY_DOWN] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_track_delay_down_range),
	[VRRP_A_ROUTER_GROUP] = { .type = NLA_NUL_STRING, .len = VRRP_NAME_LEN_MAX, },
	[VRRP_A_ROUTER_RA] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_RA_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_ra_interval_range),
	[VRRP_A_ROUTER_RA_LIFETIME] = NLA_POLICY_MAX(NLA_U16, VRRP_RA_LIFETIME_MAX),
	[VRRP_A_ROUTER_RA_MTU] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_ra_mtu_range),
	[VRRP_A_ROUTER_RA_PREFIX] = NLA_POLICY_NESTED(vrrp_ra_prefix_nl_policy),
};

/* VRRP_CMD_DEL - do */
const struct nla_policy vrrp_del_nl_policy[VRRP_A_ROUTER_FAMILY + 1] = {
	[VRRP_A_ROUTER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_A_ROUTER_VRID] = NLA_POLICY_RANGE(NLA_U8, 1, VRRP_VRID_MAX),
	[VRRP_A_ROUTER_FAMILY] = NLA_POLICY_RANGE(NLA_U8, 1, 2),
};

/* VRRP_CMD_GET - do */
const struct nla_policy vrrp_get_nl_policy[VRRP_A_ROUTER_FAMILY + 1] = {
	[VRRP_A_ROUTER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_A_ROUTER_VRID] = NLA_POLICY_RANGE(NLA_U8, 1, VRRP_VRID_MAX),
	[VRRP_A_ROUTER_FAMILY] = NLA_POLICY_RANGE(NLA_U8, 1, 2),
};

/* VRRP_CMD_SET - do */
const struct nla_policy vrrp_set_nl_policy[VRRP_A_ROUTER_MODE + 1] = {
	[VRRP_A_ROUTER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_A_ROUTER_VRID] = NLA_POLICY_RANGE(NLA_U8, 1, VRRP_VRID_MAX),
	[VRRP_A_ROUTER_FAMILY] = NLA_POLICY_RANGE(NLA_U8, 1, 2),
	[VRRP_A_ROUTER_VERSION] = NLA_POLICY_RANGE(NLA_U8, 2, 3),
	[VRRP_A_ROUTER_PRIORITY] = NLA_POLICY_RANGE(NLA_U8, 1, 255),
	[VRRP_A_ROUTER_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_interval_range),
	[VRRP_A_ROUTER_PREEMPT] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_ACCEPT] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_PREEMPT_DELAY] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_preempt_delay_range),
	[VRRP_A_ROUTER_VIP] = NLA_POLICY_NESTED(vrrp_vip_nl_policy),
	[VRRP_A_ROUTER_PEER] = NLA_POLICY_NESTED(vrrp_vip_nl_policy),
	[VRRP_A_ROUTER_CHECKSUM] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_FORWARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_MODE] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_VMAC] = NLA_POLICY_EXACT_LEN(6),
	[VRRP_A_ROUTER_GARP_COUNT] = NLA_POLICY_RANGE(NLA_U8, 1, VRRP_GARP_COUNT_MAX),
	[VRRP_A_ROUTER_GARP_SPACING] = NLA_POLICY_MAX(NLA_U32, VRRP_GARP_SPACING_MAX),
	[VRRP_A_ROUTER_GARP_REPEAT_DELAY] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_garp_repeat_delay_range),
	[VRRP_A_ROUTER_GARP_REFRESH] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_garp_refresh_range),
	[VRRP_A_ROUTER_V2_COMPAT] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_TRACK] = NLA_POLICY_NESTED(vrrp_track_nl_policy),
	[VRRP_A_ROUTER_TRACK_CLEAR] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_TRACK_DELAY_UP] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_track_delay_up_range),
	[VRRP_A_ROUTER_TRACK_DELAY_DOWN] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_track_delay_down_range),
	[VRRP_A_ROUTER_GROUP] = { .type = NLA_NUL_STRING, .len = VRRP_NAME_LEN_MAX, },
	[VRRP_A_ROUTER_TRACK_STATE] = NLA_POLICY_NESTED(vrrp_track_nl_policy),
	[VRRP_A_ROUTER_RA] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTER_RA_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_ra_interval_range),
	[VRRP_A_ROUTER_RA_LIFETIME] = NLA_POLICY_MAX(NLA_U16, VRRP_RA_LIFETIME_MAX),
	[VRRP_A_ROUTER_RA_MTU] = NLA_POLICY_FULL_RANGE(NLA_U32, &vrrp_a_router_ra_mtu_range),
	[VRRP_A_ROUTER_RA_PREFIX] = NLA_POLICY_NESTED(vrrp_ra_prefix_nl_policy),
	[VRRP_A_ROUTER_RA_PREFIX_CLEAR] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* VRRP_CMD_STATS_RESET - do */
const struct nla_policy vrrp_stats_reset_nl_policy[VRRP_A_ROUTER_FAMILY + 1] = {
	[VRRP_A_ROUTER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_A_ROUTER_VRID] = NLA_POLICY_RANGE(NLA_U8, 1, VRRP_VRID_MAX),
	[VRRP_A_ROUTER_FAMILY] = NLA_POLICY_RANGE(NLA_U8, 1, 2),
};

/* VRRP_CMD_NET_STATS_GET - do */
const struct nla_policy vrrp_net_stats_get_nl_policy[VRRP_A_ROUTER_IFINDEX + 1] = {
	[VRRP_A_ROUTER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* VRRP_CMD_CHECK - do */
const struct nla_policy vrrp_check_nl_policy[VRRP_A_ROUTER_TRACK_STATE + 1] = {
	[VRRP_A_ROUTER_TRACK_STATE] = NLA_POLICY_NESTED(vrrp_track_nl_policy),
};

/* Ops table for vrrp */
const struct genl_ops vrrp_nl_ops[7] = {
	{
		.cmd		= VRRP_CMD_ADD,
		.doit		= vrrp_nl_add_doit,
		.policy		= vrrp_add_nl_policy,
		.maxattr	= VRRP_A_ROUTER_MODE,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= VRRP_CMD_DEL,
		.doit		= vrrp_nl_del_doit,
		.policy		= vrrp_del_nl_policy,
		.maxattr	= VRRP_A_ROUTER_FAMILY,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= VRRP_CMD_GET,
		.doit		= vrrp_nl_get_doit,
		.dumpit		= vrrp_nl_get_dumpit,
		.policy		= vrrp_get_nl_policy,
		.maxattr	= VRRP_A_ROUTER_FAMILY,
	},
	{
		.cmd		= VRRP_CMD_SET,
		.doit		= vrrp_nl_set_doit,
		.policy		= vrrp_set_nl_policy,
		.maxattr	= VRRP_A_ROUTER_MODE,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= VRRP_CMD_STATS_RESET,
		.doit		= vrrp_nl_stats_reset_doit,
		.policy		= vrrp_stats_reset_nl_policy,
		.maxattr	= VRRP_A_ROUTER_FAMILY,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= VRRP_CMD_NET_STATS_GET,
		.doit		= vrrp_nl_net_stats_get_doit,
		.policy		= vrrp_net_stats_get_nl_policy,
		.maxattr	= VRRP_A_ROUTER_IFINDEX,
	},
	{
		.cmd		= VRRP_CMD_CHECK,
		.doit		= vrrp_nl_check_doit,
		.policy		= vrrp_check_nl_policy,
		.maxattr	= VRRP_A_ROUTER_TRACK_STATE,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group vrrp_nl_mcgrps[] = {
	[VRRP_NLGRP_EVENTS] = { "events", },
};
