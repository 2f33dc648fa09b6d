/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vrrp.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_VRRP_H
#define _UAPI_LINUX_VRRP_H

#define VRRP_FAMILY_NAME	"vrrp"
#define VRRP_FAMILY_VERSION	1

#define VRRP_VRID_MAX		255
#define VRRP_INTERVAL_MIN	10
#define VRRP_INTERVAL_MAX	40950
#define VRRP_INTERVAL_MAX_V2	255000
#define VRRP_VIPS_MAX		64
#define VRRP_PEERS_MAX		16
#define VRRP_PREEMPT_DELAY_MAX	3600000
#define VRRP_TRACK_MAX		16

/**
 * enum vrrp_family - Address family of a virtual router.
 * @VRRP_FAMILY_INET: IPv4 (VRRPv3 or VRRPv2).
 * @VRRP_FAMILY_INET6: IPv6 (VRRPv3).
 */
enum vrrp_family {
	VRRP_FAMILY_INET = 1,
	VRRP_FAMILY_INET6,
};

/**
 * enum vrrp_checksum - How the checksum of IPv4 VRRPv3 advertisements is
 *   computed. Both forms are always accepted on receive.
 * @VRRP_CHECKSUM_PSEUDO: Over the IPv4 pseudo-header and the message (RFC 9568
 *   5.2.8), as keepalived and FRR send by default. The default.
 * @VRRP_CHECKSUM_PLAIN: Over the message only, as VRRPv2 does and some vendors
 *   send.
 */
enum vrrp_checksum {
	VRRP_CHECKSUM_PSEUDO,
	VRRP_CHECKSUM_PLAIN,
};

/**
 * enum vrrp_reason - Why a virtual router last changed state.
 * @VRRP_REASON_NONE: No transition yet.
 * @VRRP_REASON_STARTUP: The interface came up (Initialize to Backup).
 * @VRRP_REASON_OWNER: Address owner (priority 255) starting up as Active.
 * @VRRP_REASON_ACTIVE_DOWN: No advertisement for Active_Down_Interval.
 * @VRRP_REASON_PRIORITY_ZERO: The Active router announced it was stopping
 *   (priority 0).
 * @VRRP_REASON_PREEMPTED: We preempted a lower-priority Active router.
 * @VRRP_REASON_HIGHER_PRIORITY: An advertisement with a higher priority (or
 *   address) arrived.
 * @VRRP_REASON_LINK_DOWN: The interface went down or lost carrier.
 * @VRRP_REASON_DELETED: The virtual router was deleted.
 * @VRRP_REASON_CONFIG: A configuration change (priority, version) restarted
 *   it.
 * @VRRP_REASON_FAULT: A tracked interface or health check without a weight, or
 *   a member of its sync group, is down: the router waits in Initialize.
 * @VRRP_REASON_SYNC_GROUP: Another member of its sync group left the Active
 *   state.
 */
enum vrrp_reason {
	VRRP_REASON_NONE,
	VRRP_REASON_STARTUP,
	VRRP_REASON_OWNER,
	VRRP_REASON_ACTIVE_DOWN,
	VRRP_REASON_PRIORITY_ZERO,
	VRRP_REASON_PREEMPTED,
	VRRP_REASON_HIGHER_PRIORITY,
	VRRP_REASON_LINK_DOWN,
	VRRP_REASON_DELETED,
	VRRP_REASON_CONFIG,
	VRRP_REASON_FAULT,
	VRRP_REASON_SYNC_GROUP,
};

/**
 * enum vrrp_state - State of a virtual router (RFC 9568 section 6.4).
 * @VRRP_STATE_INIT: Initialize; the interface is down or the router is
 *   stopping.
 * @VRRP_STATE_BACKUP: Backup; monitoring the Active router.
 * @VRRP_STATE_ACTIVE: Active; forwarding for the virtual MAC, answering ARP.
 */
enum vrrp_state {
	VRRP_STATE_INIT,
	VRRP_STATE_BACKUP,
	VRRP_STATE_ACTIVE,
};

enum {
	VRRP_A_VIP_ADDR4 = 1,
	VRRP_A_VIP_ADDR6,
	VRRP_A_VIP_PREFIXLEN,

	__VRRP_A_VIP_MAX,
	VRRP_A_VIP_MAX = (__VRRP_A_VIP_MAX - 1)
};

enum {
	VRRP_A_STATS_PAD = 1,
	VRRP_A_STATS_ACTIVE_TRANSITIONS,
	VRRP_A_STATS_RCVD_ADVERTISEMENTS,
	VRRP_A_STATS_SENT_ADVERTISEMENTS,
	VRRP_A_STATS_ADV_INTERVAL_ERRORS,
	VRRP_A_STATS_IP_TTL_ERRORS,
	VRRP_A_STATS_RCVD_PRI_ZERO,
	VRRP_A_STATS_SENT_PRI_ZERO,
	VRRP_A_STATS_RCVD_INVALID_TYPE,
	VRRP_A_STATS_ADDRESS_LIST_ERRORS,
	VRRP_A_STATS_PACKET_LENGTH_ERRORS,
	VRRP_A_STATS_CHECKSUM_ERRORS,
	VRRP_A_STATS_VERSION_ERRORS,
	VRRP_A_STATS_CSUM_PSEUDO,
	VRRP_A_STATS_CSUM_PLAIN,
	VRRP_A_STATS_RCVD_CARP,
	VRRP_A_STATS_PEER_ERRORS,
	VRRP_A_STATS_AUTH_TYPE_ERRORS,
	VRRP_A_STATS_DISCONTINUITY_TIME,
	VRRP_A_STATS_OWNER_DISCARDS,
	VRRP_A_STATS_V2_IGNORED,

	__VRRP_A_STATS_MAX,
	VRRP_A_STATS_MAX = (__VRRP_A_STATS_MAX - 1)
};

enum {
	VRRP_A_NET_STATS_PAD = 1,
	VRRP_A_NET_STATS_VRID_ERRORS,
	VRRP_A_NET_STATS_PACKET_LENGTH_ERRORS,

	__VRRP_A_NET_STATS_MAX,
	VRRP_A_NET_STATS_MAX = (__VRRP_A_NET_STATS_MAX - 1)
};

enum {
	VRRP_A_TRACK_IFINDEX = 1,
	VRRP_A_TRACK_IFNAME,
	VRRP_A_TRACK_NAME,
	VRRP_A_TRACK_WEIGHT,
	VRRP_A_TRACK_UP,

	__VRRP_A_TRACK_MAX,
	VRRP_A_TRACK_MAX = (__VRRP_A_TRACK_MAX - 1)
};

enum {
	VRRP_A_ROUTER_PAD = 1,
	VRRP_A_ROUTER_IFINDEX,
	VRRP_A_ROUTER_IFNAME,
	VRRP_A_ROUTER_VRID,
	VRRP_A_ROUTER_VERSION,
	VRRP_A_ROUTER_PRIORITY,
	VRRP_A_ROUTER_INTERVAL,
	VRRP_A_ROUTER_PREEMPT,
	VRRP_A_ROUTER_VIP,
	VRRP_A_ROUTER_STATE,
	VRRP_A_ROUTER_ACTIVE_ADDR4,
	VRRP_A_ROUTER_ACTIVE_INTERVAL,
	VRRP_A_ROUTER_VMAC,
	VRRP_A_ROUTER_SKEW_TIME,
	VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL,
	VRRP_A_ROUTER_STATS,
	VRRP_A_ROUTER_FAMILY,
	VRRP_A_ROUTER_ACCEPT,
	VRRP_A_ROUTER_PREEMPT_DELAY,
	VRRP_A_ROUTER_PEER,
	VRRP_A_ROUTER_CHECKSUM,
	VRRP_A_ROUTER_GARP_COUNT,
	VRRP_A_ROUTER_GARP_SPACING,
	VRRP_A_ROUTER_GARP_REPEAT_DELAY,
	VRRP_A_ROUTER_GARP_REFRESH,
	VRRP_A_ROUTER_ACTIVE_ADDR6,
	VRRP_A_ROUTER_OLD_STATE,
	VRRP_A_ROUTER_REASON,
	VRRP_A_ROUTER_NET_STATS,
	VRRP_A_ROUTER_V2_COMPAT,
	VRRP_A_ROUTER_EFFECTIVE_PRIORITY,
	VRRP_A_ROUTER_FAULT,
	VRRP_A_ROUTER_TRACK,
	VRRP_A_ROUTER_TRACK_CLEAR,
	VRRP_A_ROUTER_TRACK_DELAY_UP,
	VRRP_A_ROUTER_TRACK_DELAY_DOWN,
	VRRP_A_ROUTER_GROUP,
	VRRP_A_ROUTER_TRACK_STATE,

	__VRRP_A_ROUTER_MAX,
	VRRP_A_ROUTER_MAX = (__VRRP_A_ROUTER_MAX - 1)
};

enum {
	VRRP_CMD_ADD = 1,
	VRRP_CMD_DEL,
	VRRP_CMD_GET,
	VRRP_CMD_SET,
	VRRP_CMD_STATS_RESET,
	VRRP_CMD_NET_STATS_GET,
	VRRP_CMD_CHANGE_NTF,
	VRRP_CMD_DEL_NTF,
	VRRP_CMD_STATE_NTF,

	__VRRP_CMD_MAX,
	VRRP_CMD_MAX = (__VRRP_CMD_MAX - 1)
};

#define VRRP_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_VRRP_H */
