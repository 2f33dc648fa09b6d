/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit: written by scripts/gen-names.py from
 * Documentation/netlink/specs/vrrp.yaml (make regen).
 */

#ifndef _VRRP_NAMES_GEN_H
#define _VRRP_NAMES_GEN_H

/**
 * struct vrrp_stats - per virtual router counters (RFC 6527 names)
 * @active_transitions: Times this router became Active
 *	(vrrpv3StatisticsMasterTransitions).
 * @rcvd_advertisements: Valid advertisements received
 *	(vrrpv3StatisticsRcvdAdvertisements).
 * @sent_advertisements: Advertisements sent, priority-0 ones included.
 * @adv_interval_errors: Advertisements whose interval differs from the
 *	configured one (vrrpv3StatisticsAdvIntervalErrors); VRRPv3 still learns
 *	it.
 * @ip_ttl_errors: Packets dropped for a TTL other than 255
 *	(vrrpv3StatisticsIpTtlErrors).
 * @rcvd_pri_zero: Priority-0 advertisements received
 *	(vrrpv3StatisticsRcvdPriZeroPackets).
 * @sent_pri_zero: Priority-0 advertisements sent
 *	(vrrpv3StatisticsSentPriZeroPackets).
 * @rcvd_invalid_type: Packets with an unknown type
 *	(vrrpv3StatisticsRcvdInvalidTypePackets).
 * @address_list_errors: Advertisements whose address list differs from the
 *	configured one (vrrpv3StatisticsAddressListErrors); they are still
 *	processed.
 * @packet_length_errors: Packets too short for their address count
 *	(vrrpv3StatisticsPacketLengthErrors).
 * @checksum_errors: Packets with a bad checksum (vrrpv3RouterChecksumErrors,
 *	per router).
 * @version_errors: Packets of an unknown VRRP version
 *	(vrrpv3RouterVersionErrors, per router).
 * @csum_pseudo: Received IPv4 VRRPv3 packets whose checksum covers the
 *	pseudo-header.
 * @csum_plain: Received IPv4 VRRPv3 packets whose checksum omits the pseudo-
 *	header.
 * @rcvd_carp: CARP packets (same IP protocol and group as VRRP) received and
 *	dropped.
 * @peer_errors: Advertisements dropped because unicast peers are configured
 *	and the sender is not one of them.
 * @auth_type_errors: VRRPv2 advertisements with an authentication type other
 *	than 0.
 * @discontinuity_time: CLOCK_BOOTTIME in milliseconds when the counters were
 *	last reset or created (vrrpv3StatisticsRowDiscontinuityTime).
 * @owner_discards: Advertisements discarded because this router is the
 *	address owner (priority 255; RFC 9568 7.1).
 * @v2_ignored: VRRPv2 advertisements a v2-compat router ignored because
 *	their sender also sends VRRPv3 ones (RFC 9568 8.4.2).
 * @no_address: Times the router stopped, or could not start, because its
 *	interface had no address to advertise from (reason no-address).
 * @sent_router_advertisements: Router Advertisements sent for the virtual
 *	router.
 * @rcvd_router_solicitations: Router Solicitations received on the interface
 *	while Router Advertisements are on (answered by the Active router only).
 * @late_advertisements: Advertisements from the Active router that a Backup
 *	received after its Active_Down_Timer expired, in the millisecond it looks
 *	again before it acts: each one a false failover avoided (a CPU or host
 *	that held up its softirqs).
 * @anycast_conflicts: Advertisements an anycast gateway received for its
 *	VRID: a router on the link runs VRRP for it (a misconfiguration);
 *	discarded.
 *
 * One member per counter of the stats attribute set, in its order.
 * All are protected by vrrp_router.lock.
 */
struct vrrp_stats {
	u64	active_transitions;
	u64	rcvd_advertisements;
	u64	sent_advertisements;
	u64	adv_interval_errors;
	u64	ip_ttl_errors;
	u64	rcvd_pri_zero;
	u64	sent_pri_zero;
	u64	rcvd_invalid_type;
	u64	address_list_errors;
	u64	packet_length_errors;
	u64	checksum_errors;
	u64	version_errors;
	u64	csum_pseudo;
	u64	csum_plain;
	u64	rcvd_carp;
	u64	peer_errors;
	u64	auth_type_errors;
	u64	discontinuity_time;
	u64	owner_discards;
	u64	v2_ignored;
	u64	no_address;
	u64	sent_router_advertisements;
	u64	rcvd_router_solicitations;
	u64	late_advertisements;
	u64	anycast_conflicts;
};

/* Initialiser of a table of { attribute, member offset } */
#define VRRP_STATS_ATTRS											\
	{ VRRP_A_STATS_ACTIVE_TRANSITIONS, offsetof(struct vrrp_stats, active_transitions) },			\
	{ VRRP_A_STATS_RCVD_ADVERTISEMENTS, offsetof(struct vrrp_stats, rcvd_advertisements) },			\
	{ VRRP_A_STATS_SENT_ADVERTISEMENTS, offsetof(struct vrrp_stats, sent_advertisements) },			\
	{ VRRP_A_STATS_ADV_INTERVAL_ERRORS, offsetof(struct vrrp_stats, adv_interval_errors) },			\
	{ VRRP_A_STATS_IP_TTL_ERRORS, offsetof(struct vrrp_stats, ip_ttl_errors) },				\
	{ VRRP_A_STATS_RCVD_PRI_ZERO, offsetof(struct vrrp_stats, rcvd_pri_zero) },				\
	{ VRRP_A_STATS_SENT_PRI_ZERO, offsetof(struct vrrp_stats, sent_pri_zero) },				\
	{ VRRP_A_STATS_RCVD_INVALID_TYPE, offsetof(struct vrrp_stats, rcvd_invalid_type) },			\
	{ VRRP_A_STATS_ADDRESS_LIST_ERRORS, offsetof(struct vrrp_stats, address_list_errors) },			\
	{ VRRP_A_STATS_PACKET_LENGTH_ERRORS, offsetof(struct vrrp_stats, packet_length_errors) },		\
	{ VRRP_A_STATS_CHECKSUM_ERRORS, offsetof(struct vrrp_stats, checksum_errors) },				\
	{ VRRP_A_STATS_VERSION_ERRORS, offsetof(struct vrrp_stats, version_errors) },				\
	{ VRRP_A_STATS_CSUM_PSEUDO, offsetof(struct vrrp_stats, csum_pseudo) },					\
	{ VRRP_A_STATS_CSUM_PLAIN, offsetof(struct vrrp_stats, csum_plain) },					\
	{ VRRP_A_STATS_RCVD_CARP, offsetof(struct vrrp_stats, rcvd_carp) },					\
	{ VRRP_A_STATS_PEER_ERRORS, offsetof(struct vrrp_stats, peer_errors) },					\
	{ VRRP_A_STATS_AUTH_TYPE_ERRORS, offsetof(struct vrrp_stats, auth_type_errors) },			\
	{ VRRP_A_STATS_DISCONTINUITY_TIME, offsetof(struct vrrp_stats, discontinuity_time) },			\
	{ VRRP_A_STATS_OWNER_DISCARDS, offsetof(struct vrrp_stats, owner_discards) },				\
	{ VRRP_A_STATS_V2_IGNORED, offsetof(struct vrrp_stats, v2_ignored) },					\
	{ VRRP_A_STATS_NO_ADDRESS, offsetof(struct vrrp_stats, no_address) },					\
	{ VRRP_A_STATS_SENT_ROUTER_ADVERTISEMENTS, offsetof(struct vrrp_stats, sent_router_advertisements) },	\
	{ VRRP_A_STATS_RCVD_ROUTER_SOLICITATIONS, offsetof(struct vrrp_stats, rcvd_router_solicitations) },	\
	{ VRRP_A_STATS_LATE_ADVERTISEMENTS, offsetof(struct vrrp_stats, late_advertisements) },			\
	{ VRRP_A_STATS_ANYCAST_CONFLICTS, offsetof(struct vrrp_stats, anycast_conflicts) },

/* Each state and its name, for __print_symbolic() */
#define VRRP_STATE_SYMBOLS			\
	{ VRRP_STATE_INIT, "init" },		\
	{ VRRP_STATE_BACKUP, "backup" },	\
	{ VRRP_STATE_ACTIVE, "active" }

/* Each reason and its name, for __print_symbolic() */
#define VRRP_REASON_SYMBOLS					\
	{ VRRP_REASON_NONE, "none" },				\
	{ VRRP_REASON_STARTUP, "startup" },			\
	{ VRRP_REASON_OWNER, "owner" },				\
	{ VRRP_REASON_ACTIVE_DOWN, "active-down" },		\
	{ VRRP_REASON_PRIORITY_ZERO, "priority-zero" },		\
	{ VRRP_REASON_PREEMPTED, "preempted" },			\
	{ VRRP_REASON_HIGHER_PRIORITY, "higher-priority" },	\
	{ VRRP_REASON_LINK_DOWN, "link-down" },			\
	{ VRRP_REASON_DELETED, "deleted" },			\
	{ VRRP_REASON_CONFIG, "config" },			\
	{ VRRP_REASON_FAULT, "fault" },				\
	{ VRRP_REASON_SYNC_GROUP, "sync-group" },		\
	{ VRRP_REASON_NO_ADDRESS, "no-address" },		\
	{ VRRP_REASON_ANYCAST, "anycast" }

/* The states and reasons for tools that read the format files */
#define VRRP_TRACE_DEFINE_ENUMS				\
	TRACE_DEFINE_ENUM(VRRP_STATE_INIT);		\
	TRACE_DEFINE_ENUM(VRRP_STATE_BACKUP);		\
	TRACE_DEFINE_ENUM(VRRP_STATE_ACTIVE);		\
	TRACE_DEFINE_ENUM(VRRP_REASON_NONE);		\
	TRACE_DEFINE_ENUM(VRRP_REASON_STARTUP);		\
	TRACE_DEFINE_ENUM(VRRP_REASON_OWNER);		\
	TRACE_DEFINE_ENUM(VRRP_REASON_ACTIVE_DOWN);	\
	TRACE_DEFINE_ENUM(VRRP_REASON_PRIORITY_ZERO);	\
	TRACE_DEFINE_ENUM(VRRP_REASON_PREEMPTED);	\
	TRACE_DEFINE_ENUM(VRRP_REASON_HIGHER_PRIORITY);	\
	TRACE_DEFINE_ENUM(VRRP_REASON_LINK_DOWN);	\
	TRACE_DEFINE_ENUM(VRRP_REASON_DELETED);		\
	TRACE_DEFINE_ENUM(VRRP_REASON_CONFIG);		\
	TRACE_DEFINE_ENUM(VRRP_REASON_FAULT);		\
	TRACE_DEFINE_ENUM(VRRP_REASON_SYNC_GROUP);	\
	TRACE_DEFINE_ENUM(VRRP_REASON_NO_ADDRESS);	\
	TRACE_DEFINE_ENUM(VRRP_REASON_ANYCAST);

/* Initialiser of a table of state names */
#define VRRP_STATE_NAMES		\
	[VRRP_STATE_INIT] = "init",	\
	[VRRP_STATE_BACKUP] = "backup",	\
	[VRRP_STATE_ACTIVE] = "active",

/* Initialiser of a table of reason names */
#define VRRP_REASON_NAMES					\
	[VRRP_REASON_NONE] = "none",				\
	[VRRP_REASON_STARTUP] = "startup",			\
	[VRRP_REASON_OWNER] = "owner",				\
	[VRRP_REASON_ACTIVE_DOWN] = "active-down",		\
	[VRRP_REASON_PRIORITY_ZERO] = "priority-zero",		\
	[VRRP_REASON_PREEMPTED] = "preempted",			\
	[VRRP_REASON_HIGHER_PRIORITY] = "higher-priority",	\
	[VRRP_REASON_LINK_DOWN] = "link-down",			\
	[VRRP_REASON_DELETED] = "deleted",			\
	[VRRP_REASON_CONFIG] = "config",			\
	[VRRP_REASON_FAULT] = "fault",				\
	[VRRP_REASON_SYNC_GROUP] = "sync-group",		\
	[VRRP_REASON_NO_ADDRESS] = "no-address",		\
	[VRRP_REASON_ANYCAST] = "anycast",

#endif /* _VRRP_NAMES_GEN_H */
