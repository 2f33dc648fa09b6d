/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vrrp.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_VRRP_GEN_H
#define _LINUX_VRRP_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/vrrp.h>

/* Common nested types */
extern const struct nla_policy vrrp_ra_prefix_nl_policy[VRRP_A_RA_PREFIX_PREFERRED_LIFETIME + 1];
extern const struct nla_policy vrrp_track_nl_policy[VRRP_A_TRACK_EXPIRED + 1];
extern const struct nla_policy vrrp_vip_nl_policy[VRRP_A_VIP_PREFIXLEN + 1];

extern const struct nla_policy vrrp_add_nl_policy[VRRP_A_ROUTER_MODE + 1];

extern const struct nla_policy vrrp_del_nl_policy[VRRP_A_ROUTER_FAMILY + 1];

extern const struct nla_policy vrrp_get_nl_policy[VRRP_A_ROUTER_FAMILY + 1];

extern const struct nla_policy vrrp_set_nl_policy[VRRP_A_ROUTER_MODE + 1];

extern const struct nla_policy vrrp_stats_reset_nl_policy[VRRP_A_ROUTER_FAMILY + 1];

extern const struct nla_policy vrrp_net_stats_get_nl_policy[VRRP_A_ROUTER_IFINDEX + 1];

extern const struct nla_policy vrrp_check_nl_policy[VRRP_A_ROUTER_TRACK_STATE + 1];

/* Ops table for vrrp */
extern const struct genl_ops vrrp_nl_ops[7];

int vrrp_nl_add_doit(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_del_doit(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_get_doit(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vrrp_nl_set_doit(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_stats_reset_doit(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_net_stats_get_doit(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_check_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	VRRP_NLGRP_EVENTS,
};

#endif /* _LINUX_VRRP_GEN_H */
