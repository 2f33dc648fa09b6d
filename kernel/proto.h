/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The protocol as written in RFC 9568 (VRRPv3) and RFC 3768 (VRRPv2):
 * constants, the advertisement header, the group addresses and the
 * timer arithmetic. The state machine, netlink replies and KUnit all
 * compute with these helpers, so that each formula exists once.
 */
#ifndef _VRRP_PROTO_H
#define _VRRP_PROTO_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/types.h>
#include <net/ipv6.h>

#define IPPROTO_VRRP		112	/* not in the uapi in.h */
#define VRRP_TTL		255	/* RFC 9568 5.1.1.3, 5.1.2.3 */
#define VRRP_TYPE_ADVERT	1	/* RFC 9568 5.2.2 */
#define VRRP_PRIO_OWNER		255	/* RFC 9568 5.2.4 */
#define VRRP_PRIO_STOP		0	/* RFC 9568 5.2.4 */
#define VRRP_MAX_ADVER_INT	0x0fff	/* 12 bits of centiseconds */
#define VRRP_V2_AUTH_NONE	0	/* RFC 3768 5.3.6 */
#define CARP_VERSION		2	/* OpenBSD CARP, same protocol and group */

/* The groups advertisements go to (RFC 9568 5.1.1.2, 5.1.2.2) */
#define VRRP_MCAST_GROUP4	htonl(0xe0000012)	/* 224.0.0.18 */

/* ff02::12 */
static inline void vrrp_mcast_group6(struct in6_addr *group)
{
	ipv6_addr_set(group, htonl(0xff020000), 0, 0, htonl(0x12));
}

/**
 * struct vrrp_hdr - VRRP advertisement header (RFC 9568 5.1, RFC 3768 5.1)
 * @vers_type: version (high nibble) and type (low nibble)
 * @vrid: Virtual Router Identifier
 * @priority: sender's priority; 0 means it is stopping
 * @naddr: number of addresses that follow the header
 * @rsvd_maxadv: VRRPv3: 4 reserved bits, then Max Adver Int in
 *	centiseconds; VRRPv2: Auth Type (high byte), Adver Int in seconds
 * @csum: checksum; for IPv4 VRRPv3 either with or without the pseudo-header
 *
 * The addresses follow the header; VRRPv2 appends 8 bytes of
 * authentication data.
 */
struct vrrp_hdr {
	u8	vers_type;
	u8	vrid;
	u8	priority;
	u8	naddr;
	__be16	rsvd_maxadv;
	__sum16	csum;
} __packed;

/*
 * Intervals travel in centiseconds (VRRPv3's Max Adver Int); timers run
 * in microseconds and netlink speaks milliseconds.
 */
#define VRRP_US_PER_CS		10000
#define VRRP_MS_PER_CS		10

static inline u32 vrrp_cs_to_us(u32 cs)
{
	return cs * VRRP_US_PER_CS;
}

static inline u32 vrrp_cs_to_ms(u32 cs)
{
	return cs * VRRP_MS_PER_CS;
}

/**
 * vrrp_skew_time_us() - Skew_Time
 * @version: 3 or 2
 * @priority: the local priority
 * @adver_cs: Active_Adver_Interval in centiseconds
 *
 * RFC 9568 6.1: ((256 - Priority) * Active_Adver_Interval) / 256.
 * RFC 3768 6.1 fixes it to (256 - Priority) / 256 seconds, whatever the
 * interval.
 *
 * Return: Skew_Time in microseconds, truncated.
 */
static inline u32 vrrp_skew_time_us(u8 version, u8 priority, u16 adver_cs)
{
	u32 cs = version == 2 ? 100 : adver_cs;

	/* 10000 us per centisecond; 10000 / 256 = 625 / 16, no overflow */
	return (256 - priority) * cs * 625 / 16;
}

/**
 * vrrp_active_down_us() - Active_Down_Interval
 * @version: 3 or 2
 * @priority: the local priority
 * @adver_cs: Active_Adver_Interval (VRRPv2: Advertisement_Interval) in
 *	centiseconds
 *
 * RFC 9568 6.1 and RFC 3768 6.1: (3 * Active_Adver_Interval) + Skew_Time.
 * At most 3 * 255 s + 1 s for VRRPv2, which fits.
 *
 * Return: Active_Down_Interval in microseconds.
 */
static inline u32 vrrp_active_down_us(u8 version, u8 priority, u16 adver_cs)
{
	return 3 * vrrp_cs_to_us(adver_cs) +
	       vrrp_skew_time_us(version, priority, adver_cs);
}

#endif /* _VRRP_PROTO_H */
