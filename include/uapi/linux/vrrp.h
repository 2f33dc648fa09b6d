/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vrrp.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_VRRP_H
#define _UAPI_LINUX_VRRP_H

#define VRRP_FAMILY_NAME	"vrrp"
#define VRRP_FAMILY_VERSION	1

#define VRRP_VRID_MAX			255
#define VRRP_INTERVAL_MIN		10
#define VRRP_INTERVAL_MAX		40950
#define VRRP_INTERVAL_MAX_V2		255000
#define VRRP_VIPS_MAX			64
#define VRRP_PEERS_MAX			16
#define VRRP_PREEMPT_DELAY_MAX		3600000
#define VRRP_TRACK_MAX			16
#define VRRP_RA_PREFIXES_MAX		8
#define VRRP_RA_INTERVAL_MIN		4000
#define VRRP_RA_INTERVAL_MAX		1800000
#define VRRP_RA_LIFETIME_MAX		9000
#define VRRP_WEIGHT_MAX			253
#define VRRP_RA_MTU_MAX			65535
#define VRRP_NAME_LEN_MAX		15
#define VRRP_GARP_COUNT_MAX		100
#define VRRP_GARP_SPACING_MAX		10000
#define VRRP_GARP_REPEAT_MAX		600000
#define VRRP_GARP_REFRESH_MIN		100
#define VRRP_GARP_REFRESH_MAX		3600000
#define VRRP_VERSION_DEFAULT		3
#define VRRP_PRIORITY_DEFAULT		100
#define VRRP_INTERVAL_DEFAULT		1000
#define VRRP_GARP_COUNT_DEFAULT		3
#define VRRP_GARP_SPACING_DEFAULT	10
#define VRRP_GARP_REPEAT_DEFAULT	5000
#define VRRP_RA_INTERVAL_DEFAULT	600000
#define VRRP_RA_LIFETIME_DEFAULT	1800
#define VRRP_RA_VALID_DEFAULT		2592000
#define VRRP_RA_PREFERRED_DEFAULT	604800
#define VRRP_CHECK_TTL_MAX		86400000

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
 * enum vrrp_forward - Which routers of the virtual router forward for its
 *   virtual MAC.
 * @VRRP_FORWARD_ACTIVE: Only the Active router, as RFC 9568 asks (and, after a
 *   planned handover, the old one until it hears the new one). The default.
 * @VRRP_FORWARD_ANY: A Backup too forwards the frames the LAN delivers to it
 *   for the virtual MAC (active-active, as VRRP over IRB in an MC-LAG pair):
 *   after a failure, from the moment the switches send it the virtual router's
 *   traffic, not Active_Down_Interval later. Only the Active router
 *   advertises, answers ARP and Neighbor Solicitations and accepts packets for
 *   the virtual addresses. A Backup forwards only while it could take over as
 *   it is: not with priority lost to tracking, nor held by its sync group. On
 *   a plain switch, frames it floods (after an FDB flush) reach every router
 *   and are forwarded more than once.
 */
enum vrrp_forward {
	VRRP_FORWARD_ACTIVE,
	VRRP_FORWARD_ANY,
};

/**
 * enum vrrp_mode - How the routers of a virtual router share it.
 * @VRRP_MODE_VRRP: RFC 9568: the routers elect one Active router by their
 *   advertisements; the others are Backups.
 * @VRRP_MODE_ANYCAST: An anycast gateway (as Cumulus VRR or Arista VARP): no
 *   election and no advertisements. Every router of the group is Active at
 *   once: it forwards for the virtual MAC, answers ARP and Neighbor
 *   Solicitations for the virtual addresses and sends gratuitous ARPs. For a
 *   fabric that delivers the LAN's frames to any member (MC-LAG, EVPN) or
 *   hosts on an active-backup bond. Priority, preempt and sync groups do not
 *   apply.
 */
enum vrrp_mode {
	VRRP_MODE_VRRP,
	VRRP_MODE_ANYCAST,
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
 * @VRRP_REASON_NO_ADDRESS: The interface has no address to advertise from
 *   (IPv4: no primary address; IPv6: no usable link-local address): the router
 *   sends nothing and waits in Initialize until one is back, then starts as
 *   Backup.
 * @VRRP_REASON_ANYCAST: An anycast gateway (mode anycast) started, Active at
 *   once.
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
	VRRP_REASON_NO_ADDRESS,
	VRRP_REASON_ANYCAST,
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
	VRRP_A_STATS_NO_ADDRESS,
	VRRP_A_STATS_SENT_ROUTER_ADVERTISEMENTS,
	VRRP_A_STATS_RCVD_ROUTER_SOLICITATIONS,
	VRRP_A_STATS_LATE_ADVERTISEMENTS,
	VRRP_A_STATS_ANYCAST_CONFLICTS,

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
	VRRP_A_TRACK_TTL,
	VRRP_A_TRACK_TTL_LEFT,
	VRRP_A_TRACK_EXPIRED,

	__VRRP_A_TRACK_MAX,
	VRRP_A_TRACK_MAX = (__VRRP_A_TRACK_MAX - 1)
};

enum {
	VRRP_A_RA_PREFIX_PREFIX = 1,
	VRRP_A_RA_PREFIX_PREFIXLEN,
	VRRP_A_RA_PREFIX_ON_LINK,
	VRRP_A_RA_PREFIX_AUTONOMOUS,
	VRRP_A_RA_PREFIX_VALID_LIFETIME,
	VRRP_A_RA_PREFIX_PREFERRED_LIFETIME,

	__VRRP_A_RA_PREFIX_MAX,
	VRRP_A_RA_PREFIX_MAX = (__VRRP_A_RA_PREFIX_MAX - 1)
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
	VRRP_A_ROUTER_RA,
	VRRP_A_ROUTER_RA_INTERVAL,
	VRRP_A_ROUTER_RA_LIFETIME,
	VRRP_A_ROUTER_RA_MTU,
	VRRP_A_ROUTER_RA_PREFIX,
	VRRP_A_ROUTER_RA_PREFIX_CLEAR,
	VRRP_A_ROUTER_FORWARD,
	VRRP_A_ROUTER_MODE,

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
	VRRP_CMD_CHECK,

	__VRRP_CMD_MAX,
	VRRP_CMD_MAX = (__VRRP_CMD_MAX - 1)
};

#define VRRP_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_VRRP_H */
