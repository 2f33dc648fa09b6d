/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "vrrpctl show": list virtual routers as text or JSON; the parsing and
 * printing of a router message, shared with "monitor" and "flush".
 */
#ifndef _VRRPCTL_SHOW_H
#define _VRRPCTL_SHOW_H

#include <stdbool.h>
#include <stdio.h>
#include <net/if.h>
#include <linux/types.h>
#include <linux/vrrp.h>

#include "nl.h"
#include "util.h"
#include "vrrpctl.h"

/**
 * struct vrrp_vip_info - one virtual address or peer from a reply
 * @family: AF_INET or AF_INET6
 * @addr: the address, network order
 * @plen: prefix length, or -1 when not given
 */
struct vrrp_vip_info {
	int family;
	unsigned char addr[16];
	int plen;
};

/**
 * struct vrrp_track_info - a tracked interface or health check
 * @is_if: an interface (else a health check)
 * @ifindex: the index of the device that has the interface's name, 0
 *	while none does (or for a line read by vrrp_router_args())
 * @name: interface or health check name
 * @weight: priority lost while down, 0 for a fault
 * @up: its state
 * @has_ttl: a health check with a ttl of its own
 * @ttl: that ttl, ms
 * @has_ttl_left: a health check with a deadline
 * @ttl_left: ms before it expires
 * @has_expired: the kernel said whether the check expired (newer kernels)
 * @expired: it did: down until the next report
 */
struct vrrp_track_info {
	bool is_if;
	__u32 ifindex;
	char name[IF_NAMESIZE];
	__u8 weight;
	__u8 up;
	bool has_ttl;
	__u32 ttl;
	bool has_ttl_left;
	__u32 ttl_left;
	bool has_expired;
	__u8 expired;
};

/**
 * struct vrrp_ra_prefix_info - a prefix of the Router Advertisements
 * @addr: the prefix, network order
 * @plen: its length
 * @onlink: the L flag
 * @autonomous: the A flag
 * @valid: valid lifetime, s
 * @preferred: preferred lifetime, s
 */
struct vrrp_ra_prefix_info {
	unsigned char addr[16];
	__u8 plen;
	__u8 onlink;
	__u8 autonomous;
	__u32 valid;
	__u32 preferred;
};

/**
 * struct vrrp_router_info - one virtual router from a reply
 * @present: bit (1 << VRRP_A_ROUTER_*) for each attribute received
 * @ifindex: interface index
 * @ifname: interface name
 * @vrid: Virtual Router Identifier
 * @family: enum vrrp_family
 * @version: VRRP version
 * @priority: priority
 * @preempt: preempt mode, 0 or 1
 * @accept: Accept_Mode, 0 or 1
 * @v2_compat: VRRPv2/VRRPv3 interoperation, 0 or 1
 * @checksum: enum vrrp_checksum
 * @forward: enum vrrp_forward
 * @mode: enum vrrp_mode
 * @garp_count: gratuitous messages per burst
 * @state: enum vrrp_state
 * @old_state: enum vrrp_state before the last transition
 * @reason: enum vrrp_reason of the last transition
 * @interval: configured advertisement interval, ms
 * @active_interval: interval in force, ms
 * @preempt_delay: preempt delay, ms
 * @garp_spacing: ms between gratuitous messages
 * @garp_repeat: ms to the second burst
 * @garp_refresh: ms between refreshes
 * @skew_time: Skew_Time, us
 * @active_down_interval: Active_Down_Interval, us
 * @active_addr: address of the Active router, network order
 * @active_af: AF_INET or AF_INET6 for @active_addr, 0 when unknown
 * @vmac: virtual MAC address
 * @nvips: number of entries in @vips
 * @vips: virtual addresses
 * @npeers: number of entries in @peers
 * @peers: unicast peers
 * @stats_present: bit (1 << VRRP_A_STATS_*) for each counter received
 * @stats: counters, indexed by VRRP_A_STATS_*
 * @effective_priority: priority in force after tracking
 * @fault: a tracked object or sync group member forces Initialize
 * @track_delay_up: ms
 * @track_delay_down: ms
 * @group: sync group name, empty for none
 * @ntracks: number of entries in @tracks
 * @tracks: tracked interfaces and health checks
 * @ra: Router Advertisements on
 * @ra_interval: MaxRtrAdvInterval, ms
 * @ra_lifetime: router lifetime, s
 * @ra_mtu: MTU option, 0 for none
 * @nra_prefixes: number of entries in @ra_prefixes
 * @ra_prefixes: advertised prefixes
 */
struct vrrp_router_info {
	__u64 present;
	__u32 ifindex;
	char ifname[IF_NAMESIZE];
	__u8 vrid;
	__u8 family;
	__u8 version;
	__u8 priority;
	__u8 preempt;
	__u8 accept;
	__u8 v2_compat;
	__u8 checksum;
	__u8 forward;
	__u8 mode;
	__u8 garp_count;
	__u8 state;
	__u8 old_state;
	__u8 reason;
	__u32 interval;
	__u32 active_interval;
	__u32 preempt_delay;
	__u32 garp_spacing;
	__u32 garp_repeat;
	__u32 garp_refresh;
	__u32 skew_time;
	__u32 active_down_interval;
	unsigned char active_addr[16];
	int active_af;
	__u8 vmac[VRRP_MAC_LEN];
	unsigned int nvips;
	struct vrrp_vip_info *vips;
	unsigned int npeers;
	struct vrrp_vip_info *peers;
	__u64 stats_present;
	__u64 stats[VRRP_A_STATS_MAX + 1];
	__u8 effective_priority;
	__u8 fault;
	__u32 track_delay_up;
	__u32 track_delay_down;
	char group[VRRP_NAME_LEN_MAX + 1];
	unsigned int ntracks;
	struct vrrp_track_info tracks[VRRP_TRACK_MAX];
	__u8 ra;
	__u32 ra_interval;
	__u32 ra_lifetime;
	__u32 ra_mtu;
	unsigned int nra_prefixes;
	struct vrrp_ra_prefix_info ra_prefixes[VRRP_RA_PREFIXES_MAX];
};

/**
 * struct vrrp_router_list - the replies of one request
 * @r: the routers
 * @n: number of routers in @r
 * @size: allocated entries of @r
 */
struct vrrp_router_list {
	struct vrrp_router_info *r;
	size_t n;
	size_t size;
};

int vrrp_cmd_show(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_show;

const char *vrrp_state_name(unsigned int state);
const char *vrrp_reason_name(unsigned int reason);

/**
 * struct vrrp_script_args - what a program run for a state change is told
 * @ifname: the router's interface
 * @vrid: Virtual Router Identifier
 * @family: enum vrrp_family
 * @old_state: enum vrrp_state it left
 * @state: enum vrrp_state it entered
 * @reason: enum vrrp_reason
 * @priority: configured priority
 * @effective_priority: the one advertised
 * @group: sync group, empty for none
 * @event: notify's event name, NULL for monitor --exec (no 7th argument)
 */
struct vrrp_script_args {
	const char *ifname;
	unsigned int vrid;
	unsigned int family;
	unsigned int old_state;
	unsigned int state;
	unsigned int reason;
	unsigned int priority;
	unsigned int effective_priority;
	const char *group;
	const char *event;
};

void vrrp_script_exec(const char *prog, const struct vrrp_script_args *a);
int vrrp_router_parse(struct vrrp_router_info *r, struct nlmsghdr *nlh);
void vrrp_router_info_clear(struct vrrp_router_info *r);
void vrrp_router_list_free(struct vrrp_router_list *list);
int vrrp_router_dump(struct vrrp_nl *nl, unsigned int ifindex,
		     unsigned char vrid, unsigned char family,
		     struct vrrp_router_list *list, struct vrrp_nl_err *err);
void vrrp_show_print(const struct vrrp_ctx *ctx,
		     const struct vrrp_router_list *list);
void vrrp_router_print(const struct vrrp_ctx *ctx,
		       const struct vrrp_router_info *r, const char *event,
		       const char *timestamp);

#endif /* _VRRPCTL_SHOW_H */
