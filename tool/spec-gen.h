/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit: written by scripts/gen-names.py from
 * Documentation/netlink/specs/vrrp.yaml (make regen).
 */

#ifndef VRRPCTL_SPEC_GEN_H
#define VRRPCTL_SPEC_GEN_H

/**
 * struct vrrp_stat_name - how one counter is printed
 * @attr: VRRP_A_STATS_*
 * @text: name in text output (the spec's)
 * @json: key in JSON output
 */
struct vrrp_stat_name {
	int attr;
	const char *text;
	const char *json;
};

static const struct nla_policy vrrp_stats_policy[VRRP_A_STATS_MAX + 1] = {
	[VRRP_A_STATS_ACTIVE_TRANSITIONS] = { .type = NLA_U64 },
	[VRRP_A_STATS_RCVD_ADVERTISEMENTS] = { .type = NLA_U64 },
	[VRRP_A_STATS_SENT_ADVERTISEMENTS] = { .type = NLA_U64 },
	[VRRP_A_STATS_ADV_INTERVAL_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_IP_TTL_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_RCVD_PRI_ZERO] = { .type = NLA_U64 },
	[VRRP_A_STATS_SENT_PRI_ZERO] = { .type = NLA_U64 },
	[VRRP_A_STATS_RCVD_INVALID_TYPE] = { .type = NLA_U64 },
	[VRRP_A_STATS_ADDRESS_LIST_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_PACKET_LENGTH_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_CHECKSUM_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_VERSION_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_CSUM_PSEUDO] = { .type = NLA_U64 },
	[VRRP_A_STATS_CSUM_PLAIN] = { .type = NLA_U64 },
	[VRRP_A_STATS_RCVD_CARP] = { .type = NLA_U64 },
	[VRRP_A_STATS_PEER_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_AUTH_TYPE_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_DISCONTINUITY_TIME] = { .type = NLA_U64 },
	[VRRP_A_STATS_OWNER_DISCARDS] = { .type = NLA_U64 },
	[VRRP_A_STATS_V2_IGNORED] = { .type = NLA_U64 },
	[VRRP_A_STATS_NO_ADDRESS] = { .type = NLA_U64 },
	[VRRP_A_STATS_SENT_ROUTER_ADVERTISEMENTS] = { .type = NLA_U64 },
	[VRRP_A_STATS_RCVD_ROUTER_SOLICITATIONS] = { .type = NLA_U64 },
};

/* The counters, in the spec's order. */
static const struct vrrp_stat_name vrrp_stat_names[] = {
	{ VRRP_A_STATS_ACTIVE_TRANSITIONS, "active-transitions", "active_transitions" },
	{ VRRP_A_STATS_RCVD_ADVERTISEMENTS, "rcvd-advertisements", "rcvd_advertisements" },
	{ VRRP_A_STATS_SENT_ADVERTISEMENTS, "sent-advertisements", "sent_advertisements" },
	{ VRRP_A_STATS_ADV_INTERVAL_ERRORS, "adv-interval-errors", "adv_interval_errors" },
	{ VRRP_A_STATS_IP_TTL_ERRORS, "ip-ttl-errors", "ip_ttl_errors" },
	{ VRRP_A_STATS_RCVD_PRI_ZERO, "rcvd-pri-zero", "rcvd_pri_zero" },
	{ VRRP_A_STATS_SENT_PRI_ZERO, "sent-pri-zero", "sent_pri_zero" },
	{ VRRP_A_STATS_RCVD_INVALID_TYPE, "rcvd-invalid-type", "rcvd_invalid_type" },
	{ VRRP_A_STATS_ADDRESS_LIST_ERRORS, "address-list-errors", "address_list_errors" },
	{ VRRP_A_STATS_PACKET_LENGTH_ERRORS, "packet-length-errors", "packet_length_errors" },
	{ VRRP_A_STATS_CHECKSUM_ERRORS, "checksum-errors", "checksum_errors" },
	{ VRRP_A_STATS_VERSION_ERRORS, "version-errors", "version_errors" },
	{ VRRP_A_STATS_CSUM_PSEUDO, "csum-pseudo", "csum_pseudo" },
	{ VRRP_A_STATS_CSUM_PLAIN, "csum-plain", "csum_plain" },
	{ VRRP_A_STATS_RCVD_CARP, "rcvd-carp", "rcvd_carp" },
	{ VRRP_A_STATS_PEER_ERRORS, "peer-errors", "peer_errors" },
	{ VRRP_A_STATS_AUTH_TYPE_ERRORS, "auth-type-errors", "auth_type_errors" },
	{ VRRP_A_STATS_DISCONTINUITY_TIME, "discontinuity-time", "discontinuity_time" },
	{ VRRP_A_STATS_OWNER_DISCARDS, "owner-discards", "owner_discards" },
	{ VRRP_A_STATS_V2_IGNORED, "v2-ignored", "v2_ignored" },
	{ VRRP_A_STATS_NO_ADDRESS, "no-address", "no_address" },
	{ VRRP_A_STATS_SENT_ROUTER_ADVERTISEMENTS, "sent-router-advertisements", "sent_router_advertisements" },
	{ VRRP_A_STATS_RCVD_ROUTER_SOLICITATIONS, "rcvd-router-solicitations", "rcvd_router_solicitations" },
};

static const char * const vrrp_state_names[] = {
	[VRRP_STATE_INIT] = "init",
	[VRRP_STATE_BACKUP] = "backup",
	[VRRP_STATE_ACTIVE] = "active",
};

static const char * const vrrp_reason_names[] = {
	[VRRP_REASON_NONE] = "none",
	[VRRP_REASON_STARTUP] = "startup",
	[VRRP_REASON_OWNER] = "owner",
	[VRRP_REASON_ACTIVE_DOWN] = "active-down",
	[VRRP_REASON_PRIORITY_ZERO] = "priority-zero",
	[VRRP_REASON_PREEMPTED] = "preempted",
	[VRRP_REASON_HIGHER_PRIORITY] = "higher-priority",
	[VRRP_REASON_LINK_DOWN] = "link-down",
	[VRRP_REASON_DELETED] = "deleted",
	[VRRP_REASON_CONFIG] = "config",
	[VRRP_REASON_FAULT] = "fault",
	[VRRP_REASON_SYNC_GROUP] = "sync-group",
	[VRRP_REASON_NO_ADDRESS] = "no-address",
};

#endif /* VRRPCTL_SPEC_GEN_H */
