/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit: written by scripts/gen-names.py from
 * Documentation/netlink/specs/vrrp.yaml (make regen).
 */

#ifndef VRRPCTL_SPEC_GEN_H
#define VRRPCTL_SPEC_GEN_H

/**
 * struct vrrp_stat_name - how one counter is printed
 * @attr: VRRP_A_STATS_* or VRRP_A_NET_STATS_*
 * @text: name in text output (the spec's)
 * @json: key in JSON output
 * @metric: Prometheus metric name
 * @help: its HELP text, the spec's doc
 * @time_ms: a time in ms (a gauge in seconds), not a counter
 */
struct vrrp_stat_name {
	int attr;
	const char *text;
	const char *json;
	const char *metric;
	const char *help;
	bool time_ms;
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
	[VRRP_A_STATS_LATE_ADVERTISEMENTS] = { .type = NLA_U64 },
	[VRRP_A_STATS_ANYCAST_CONFLICTS] = { .type = NLA_U64 },
};

/* The counters, in the spec's order. */
static const struct vrrp_stat_name vrrp_stat_names[] = {
	{ VRRP_A_STATS_ACTIVE_TRANSITIONS, "active-transitions", "active_transitions",
	  "vrrp_active_transitions_total",
	  "Times this router became Active "
	  "(vrrpv3StatisticsMasterTransitions).",
	  false },
	{ VRRP_A_STATS_RCVD_ADVERTISEMENTS, "rcvd-advertisements", "rcvd_advertisements",
	  "vrrp_rcvd_advertisements_total",
	  "Valid advertisements received "
	  "(vrrpv3StatisticsRcvdAdvertisements).",
	  false },
	{ VRRP_A_STATS_SENT_ADVERTISEMENTS, "sent-advertisements", "sent_advertisements",
	  "vrrp_sent_advertisements_total",
	  "Advertisements sent, priority-0 ones included.",
	  false },
	{ VRRP_A_STATS_ADV_INTERVAL_ERRORS, "adv-interval-errors", "adv_interval_errors",
	  "vrrp_adv_interval_errors_total",
	  "Advertisements whose interval differs from the configured one "
	  "(vrrpv3StatisticsAdvIntervalErrors); VRRPv3 still learns it.",
	  false },
	{ VRRP_A_STATS_IP_TTL_ERRORS, "ip-ttl-errors", "ip_ttl_errors",
	  "vrrp_ip_ttl_errors_total",
	  "Packets dropped for a TTL other than 255 "
	  "(vrrpv3StatisticsIpTtlErrors).",
	  false },
	{ VRRP_A_STATS_RCVD_PRI_ZERO, "rcvd-pri-zero", "rcvd_pri_zero",
	  "vrrp_rcvd_pri_zero_total",
	  "Priority-0 advertisements received "
	  "(vrrpv3StatisticsRcvdPriZeroPackets).",
	  false },
	{ VRRP_A_STATS_SENT_PRI_ZERO, "sent-pri-zero", "sent_pri_zero",
	  "vrrp_sent_pri_zero_total",
	  "Priority-0 advertisements sent "
	  "(vrrpv3StatisticsSentPriZeroPackets).",
	  false },
	{ VRRP_A_STATS_RCVD_INVALID_TYPE, "rcvd-invalid-type", "rcvd_invalid_type",
	  "vrrp_rcvd_invalid_type_total",
	  "Packets with an unknown type "
	  "(vrrpv3StatisticsRcvdInvalidTypePackets).",
	  false },
	{ VRRP_A_STATS_ADDRESS_LIST_ERRORS, "address-list-errors", "address_list_errors",
	  "vrrp_address_list_errors_total",
	  "Advertisements whose address list differs from the configured one "
	  "(vrrpv3StatisticsAddressListErrors); they are still processed.",
	  false },
	{ VRRP_A_STATS_PACKET_LENGTH_ERRORS, "packet-length-errors", "packet_length_errors",
	  "vrrp_packet_length_errors_total",
	  "Packets too short for their address count "
	  "(vrrpv3StatisticsPacketLengthErrors).",
	  false },
	{ VRRP_A_STATS_CHECKSUM_ERRORS, "checksum-errors", "checksum_errors",
	  "vrrp_checksum_errors_total",
	  "Packets with a bad checksum (vrrpv3RouterChecksumErrors, per "
	  "router).",
	  false },
	{ VRRP_A_STATS_VERSION_ERRORS, "version-errors", "version_errors",
	  "vrrp_version_errors_total",
	  "Packets of an unknown VRRP version (vrrpv3RouterVersionErrors, per"
	  " router).",
	  false },
	{ VRRP_A_STATS_CSUM_PSEUDO, "csum-pseudo", "csum_pseudo",
	  "vrrp_csum_pseudo_total",
	  "Received IPv4 VRRPv3 packets whose checksum covers the pseudo-"
	  "header.",
	  false },
	{ VRRP_A_STATS_CSUM_PLAIN, "csum-plain", "csum_plain",
	  "vrrp_csum_plain_total",
	  "Received IPv4 VRRPv3 packets whose checksum omits the pseudo-"
	  "header.",
	  false },
	{ VRRP_A_STATS_RCVD_CARP, "rcvd-carp", "rcvd_carp",
	  "vrrp_rcvd_carp_total",
	  "CARP packets (same IP protocol and group as VRRP) received and "
	  "dropped.",
	  false },
	{ VRRP_A_STATS_PEER_ERRORS, "peer-errors", "peer_errors",
	  "vrrp_peer_errors_total",
	  "Advertisements dropped because unicast peers are configured and "
	  "the sender is not one of them.",
	  false },
	{ VRRP_A_STATS_AUTH_TYPE_ERRORS, "auth-type-errors", "auth_type_errors",
	  "vrrp_auth_type_errors_total",
	  "VRRPv2 advertisements with an authentication type other than 0.",
	  false },
	{ VRRP_A_STATS_DISCONTINUITY_TIME, "discontinuity-time", "discontinuity_time",
	  "vrrp_discontinuity_time_seconds",
	  "CLOCK_BOOTTIME in seconds when the counters were last reset or "
	  "created (vrrpv3StatisticsRowDiscontinuityTime).",
	  true },
	{ VRRP_A_STATS_OWNER_DISCARDS, "owner-discards", "owner_discards",
	  "vrrp_owner_discards_total",
	  "Advertisements discarded because this router is the address owner "
	  "(priority 255; RFC 9568 7.1).",
	  false },
	{ VRRP_A_STATS_V2_IGNORED, "v2-ignored", "v2_ignored",
	  "vrrp_v2_ignored_total",
	  "VRRPv2 advertisements a v2-compat router ignored because their "
	  "sender also sends VRRPv3 ones (RFC 9568 8.4.2).",
	  false },
	{ VRRP_A_STATS_NO_ADDRESS, "no-address", "no_address",
	  "vrrp_no_address_total",
	  "Times the router stopped, or could not start, because its "
	  "interface had no address to advertise from (reason no-address).",
	  false },
	{ VRRP_A_STATS_SENT_ROUTER_ADVERTISEMENTS, "sent-router-advertisements", "sent_router_advertisements",
	  "vrrp_sent_router_advertisements_total",
	  "Router Advertisements sent for the virtual router.",
	  false },
	{ VRRP_A_STATS_RCVD_ROUTER_SOLICITATIONS, "rcvd-router-solicitations", "rcvd_router_solicitations",
	  "vrrp_rcvd_router_solicitations_total",
	  "Router Solicitations received on the interface while Router "
	  "Advertisements are on (answered by the Active router only).",
	  false },
	{ VRRP_A_STATS_LATE_ADVERTISEMENTS, "late-advertisements", "late_advertisements",
	  "vrrp_late_advertisements_total",
	  "Advertisements from the Active router that a Backup received after"
	  " its Active_Down_Timer expired, in the millisecond it looks again "
	  "before it acts: each one a false failover avoided (a CPU or host "
	  "that held up its softirqs).",
	  false },
	{ VRRP_A_STATS_ANYCAST_CONFLICTS, "anycast-conflicts", "anycast_conflicts",
	  "vrrp_anycast_conflicts_total",
	  "Advertisements an anycast gateway received for its VRID: a router "
	  "on the link runs VRRP for it (a misconfiguration); discarded.",
	  false },
};

/* The counters of the namespace, in the spec's order. */
static const struct vrrp_stat_name vrrp_net_stat_names[] = {
	{ VRRP_A_NET_STATS_VRID_ERRORS, "vrid-errors", "vrid_errors",
	  "vrrp_net_vrid_errors_total",
	  "Advertisements for a VRID with no virtual router on their "
	  "interface (vrrpv3RouterVrIdErrors).",
	  false },
	{ VRRP_A_NET_STATS_PACKET_LENGTH_ERRORS, "packet-length-errors", "packet_length_errors",
	  "vrrp_net_packet_length_errors_total",
	  "Packets too short for a VRRP header.",
	  false },
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
	[VRRP_REASON_ANYCAST] = "anycast",
};

/* Initialiser of the policy of the vip set (replies) */
#define VRRP_VIP_POLICY					\
	[VRRP_A_VIP_ADDR4] = { .type = NLA_U32 },	\
	[VRRP_A_VIP_ADDR6] = { .minlen = 16 },		\
	[VRRP_A_VIP_PREFIXLEN] = { .type = NLA_U8 },

/* Initialiser of the names of the vip set */
#define VRRP_VIP_ATTR_NAMES			\
	[VRRP_A_VIP_ADDR4] = "addr4",		\
	[VRRP_A_VIP_ADDR6] = "addr6",		\
	[VRRP_A_VIP_PREFIXLEN] = "prefixlen",

/* Initialiser of the policy of the net-stats set (replies) */
#define VRRP_NET_STATS_POLICY						\
	[VRRP_A_NET_STATS_VRID_ERRORS] = { .type = NLA_U64 },		\
	[VRRP_A_NET_STATS_PACKET_LENGTH_ERRORS] = { .type = NLA_U64 },

/* Initialiser of the names of the net-stats set */
#define VRRP_NET_STATS_ATTR_NAMES						\
	[VRRP_A_NET_STATS_VRID_ERRORS] = "vrid-errors",				\
	[VRRP_A_NET_STATS_PACKET_LENGTH_ERRORS] = "packet-length-errors",

/* Initialiser of the policy of the track set (replies) */
#define VRRP_TRACK_POLICY				\
	[VRRP_A_TRACK_IFINDEX] = { .type = NLA_U32 },	\
	[VRRP_A_TRACK_IFNAME] = { .type = NLA_STRING },	\
	[VRRP_A_TRACK_NAME] = { .type = NLA_STRING },	\
	[VRRP_A_TRACK_WEIGHT] = { .type = NLA_U8 },	\
	[VRRP_A_TRACK_UP] = { .type = NLA_U8 },		\
	[VRRP_A_TRACK_TTL] = { .type = NLA_U32 },	\
	[VRRP_A_TRACK_TTL_LEFT] = { .type = NLA_U32 },	\
	[VRRP_A_TRACK_EXPIRED] = { .type = NLA_U8 },

/* Initialiser of the names of the track set */
#define VRRP_TRACK_ATTR_NAMES			\
	[VRRP_A_TRACK_IFINDEX] = "ifindex",	\
	[VRRP_A_TRACK_IFNAME] = "ifname",	\
	[VRRP_A_TRACK_NAME] = "name",		\
	[VRRP_A_TRACK_WEIGHT] = "weight",	\
	[VRRP_A_TRACK_UP] = "up",		\
	[VRRP_A_TRACK_TTL] = "ttl",		\
	[VRRP_A_TRACK_TTL_LEFT] = "ttl-left",	\
	[VRRP_A_TRACK_EXPIRED] = "expired",

/* Initialiser of the policy of the ra-prefix set (replies) */
#define VRRP_RA_PREFIX_POLICY						\
	[VRRP_A_RA_PREFIX_PREFIX] = { .minlen = 16 },			\
	[VRRP_A_RA_PREFIX_PREFIXLEN] = { .type = NLA_U8 },		\
	[VRRP_A_RA_PREFIX_ON_LINK] = { .type = NLA_U8 },		\
	[VRRP_A_RA_PREFIX_AUTONOMOUS] = { .type = NLA_U8 },		\
	[VRRP_A_RA_PREFIX_VALID_LIFETIME] = { .type = NLA_U32 },	\
	[VRRP_A_RA_PREFIX_PREFERRED_LIFETIME] = { .type = NLA_U32 },

/* Initialiser of the names of the ra-prefix set */
#define VRRP_RA_PREFIX_ATTR_NAMES					\
	[VRRP_A_RA_PREFIX_PREFIX] = "prefix",				\
	[VRRP_A_RA_PREFIX_PREFIXLEN] = "prefixlen",			\
	[VRRP_A_RA_PREFIX_ON_LINK] = "on-link",				\
	[VRRP_A_RA_PREFIX_AUTONOMOUS] = "autonomous",			\
	[VRRP_A_RA_PREFIX_VALID_LIFETIME] = "valid-lifetime",		\
	[VRRP_A_RA_PREFIX_PREFERRED_LIFETIME] = "preferred-lifetime",

/* Initialiser of the policy of the router set (replies) */
#define VRRP_ROUTER_POLICY						\
	[VRRP_A_ROUTER_IFINDEX] = { .type = NLA_U32 },			\
	[VRRP_A_ROUTER_IFNAME] = { .type = NLA_STRING },		\
	[VRRP_A_ROUTER_VRID] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_VERSION] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_PRIORITY] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_INTERVAL] = { .type = NLA_U32 },			\
	[VRRP_A_ROUTER_PREEMPT] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_VIP] = { .type = NLA_NESTED },			\
	[VRRP_A_ROUTER_STATE] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_ACTIVE_ADDR4] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_ACTIVE_INTERVAL] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_VMAC] = { .minlen = 6 },				\
	[VRRP_A_ROUTER_SKEW_TIME] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL] = { .type = NLA_U32 },	\
	[VRRP_A_ROUTER_STATS] = { .type = NLA_NESTED },			\
	[VRRP_A_ROUTER_FAMILY] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_ACCEPT] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_PREEMPT_DELAY] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_PEER] = { .type = NLA_NESTED },			\
	[VRRP_A_ROUTER_CHECKSUM] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_GARP_COUNT] = { .type = NLA_U8 },		\
	[VRRP_A_ROUTER_GARP_SPACING] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_GARP_REPEAT_DELAY] = { .type = NLA_U32 },	\
	[VRRP_A_ROUTER_GARP_REFRESH] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_ACTIVE_ADDR6] = { .minlen = 16 },		\
	[VRRP_A_ROUTER_OLD_STATE] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_REASON] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_NET_STATS] = { .type = NLA_NESTED },		\
	[VRRP_A_ROUTER_V2_COMPAT] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_EFFECTIVE_PRIORITY] = { .type = NLA_U8 },	\
	[VRRP_A_ROUTER_FAULT] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_TRACK] = { .type = NLA_NESTED },			\
	[VRRP_A_ROUTER_TRACK_CLEAR] = { .type = NLA_U8 },		\
	[VRRP_A_ROUTER_TRACK_DELAY_UP] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_TRACK_DELAY_DOWN] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_GROUP] = { .type = NLA_STRING },			\
	[VRRP_A_ROUTER_TRACK_STATE] = { .type = NLA_NESTED },		\
	[VRRP_A_ROUTER_RA] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_RA_INTERVAL] = { .type = NLA_U32 },		\
	[VRRP_A_ROUTER_RA_LIFETIME] = { .type = NLA_U16 },		\
	[VRRP_A_ROUTER_RA_MTU] = { .type = NLA_U32 },			\
	[VRRP_A_ROUTER_RA_PREFIX] = { .type = NLA_NESTED },		\
	[VRRP_A_ROUTER_RA_PREFIX_CLEAR] = { .type = NLA_U8 },		\
	[VRRP_A_ROUTER_FORWARD] = { .type = NLA_U8 },			\
	[VRRP_A_ROUTER_MODE] = { .type = NLA_U8 },

/* Initialiser of the names of the router set */
#define VRRP_ROUTER_ATTR_NAMES						\
	[VRRP_A_ROUTER_IFINDEX] = "ifindex",				\
	[VRRP_A_ROUTER_IFNAME] = "ifname",				\
	[VRRP_A_ROUTER_VRID] = "vrid",					\
	[VRRP_A_ROUTER_VERSION] = "version",				\
	[VRRP_A_ROUTER_PRIORITY] = "priority",				\
	[VRRP_A_ROUTER_INTERVAL] = "interval",				\
	[VRRP_A_ROUTER_PREEMPT] = "preempt",				\
	[VRRP_A_ROUTER_VIP] = "vip",					\
	[VRRP_A_ROUTER_STATE] = "state",				\
	[VRRP_A_ROUTER_ACTIVE_ADDR4] = "active-addr4",			\
	[VRRP_A_ROUTER_ACTIVE_INTERVAL] = "active-interval",		\
	[VRRP_A_ROUTER_VMAC] = "vmac",					\
	[VRRP_A_ROUTER_SKEW_TIME] = "skew-time",			\
	[VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL] = "active-down-interval",	\
	[VRRP_A_ROUTER_STATS] = "stats",				\
	[VRRP_A_ROUTER_FAMILY] = "family",				\
	[VRRP_A_ROUTER_ACCEPT] = "accept",				\
	[VRRP_A_ROUTER_PREEMPT_DELAY] = "preempt-delay",		\
	[VRRP_A_ROUTER_PEER] = "peer",					\
	[VRRP_A_ROUTER_CHECKSUM] = "checksum",				\
	[VRRP_A_ROUTER_GARP_COUNT] = "garp-count",			\
	[VRRP_A_ROUTER_GARP_SPACING] = "garp-spacing",			\
	[VRRP_A_ROUTER_GARP_REPEAT_DELAY] = "garp-repeat-delay",	\
	[VRRP_A_ROUTER_GARP_REFRESH] = "garp-refresh",			\
	[VRRP_A_ROUTER_ACTIVE_ADDR6] = "active-addr6",			\
	[VRRP_A_ROUTER_OLD_STATE] = "old-state",			\
	[VRRP_A_ROUTER_REASON] = "reason",				\
	[VRRP_A_ROUTER_NET_STATS] = "net-stats",			\
	[VRRP_A_ROUTER_V2_COMPAT] = "v2-compat",			\
	[VRRP_A_ROUTER_EFFECTIVE_PRIORITY] = "effective-priority",	\
	[VRRP_A_ROUTER_FAULT] = "fault",				\
	[VRRP_A_ROUTER_TRACK] = "track",				\
	[VRRP_A_ROUTER_TRACK_CLEAR] = "track-clear",			\
	[VRRP_A_ROUTER_TRACK_DELAY_UP] = "track-delay-up",		\
	[VRRP_A_ROUTER_TRACK_DELAY_DOWN] = "track-delay-down",		\
	[VRRP_A_ROUTER_GROUP] = "group",				\
	[VRRP_A_ROUTER_TRACK_STATE] = "track-state",			\
	[VRRP_A_ROUTER_RA] = "ra",					\
	[VRRP_A_ROUTER_RA_INTERVAL] = "ra-interval",			\
	[VRRP_A_ROUTER_RA_LIFETIME] = "ra-lifetime",			\
	[VRRP_A_ROUTER_RA_MTU] = "ra-mtu",				\
	[VRRP_A_ROUTER_RA_PREFIX] = "ra-prefix",			\
	[VRRP_A_ROUTER_RA_PREFIX_CLEAR] = "ra-prefix-clear",		\
	[VRRP_A_ROUTER_FORWARD] = "forward",				\
	[VRRP_A_ROUTER_MODE] = "mode",

#endif /* VRRPCTL_SPEC_GEN_H */
