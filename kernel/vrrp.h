/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel VRRP (RFC 9568): shared structures and constants.
 *
 * Locking, in one place:
 *  - rtnl_lock serialises all configuration: creating, changing and
 *    deleting ports and routers, the per-namespace router lists,
 *    dev_uc_add/dev_uc_del and multicast membership.
 *  - RCU protects the lookups done from the receive path and the ingress
 *    hook (port hash, port->routers[], port->list, router->addrs) and the
 *    dumps; ports, routers and address lists are freed with kfree_rcu().
 *  - vrrp_router.lock (a BH spinlock) protects the protocol state and the
 *    scalar configuration: state, timers, learned interval, Active router
 *    address, parameters and counters. The hrtimer callbacks and the
 *    receive path run in softirq context.
 */
#ifndef _VRRP_H
#define _VRRP_H

#include <linux/hashtable.h>
#include <linux/hrtimer.h>
#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/overflow.h>
#include <linux/refcount.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/netns/generic.h>
#include <uapi/linux/vrrp.h>

#include "names-gen.h"
#include "proto.h"

/* ifa_proto of the addresses Accept_Mode installs, to tell them apart */
#define VRRP_IFA_PROTO		IPPROTO_VRRP

/*
 * Router Advertisements (RFC 4861 6.2.4, 6.2.6, 10); the defaults of a new
 * router are the spec's (uapi VRRP_*_DEFAULT), which vrrpctl apply reads too.
 */
#define VRRP_RA_INITIAL_COUNT		3	/* MAX_INITIAL_RTR_ADVERTISEMENTS */
#define VRRP_RA_INITIAL_MAX_MS		16000	/* MAX_INITIAL_RTR_ADVERT_INTERVAL */
#define VRRP_RA_DELAY_MAX_MS		500	/* MAX_RA_DELAY_TIME */
#define VRRP_RA_MIN_GAP_MS		3000	/* MIN_DELAY_BETWEEN_RAS */

/* Names of health checks, sync groups and tracked interfaces, with NUL */
#define VRRP_NAMSIZ		(VRRP_NAME_LEN_MAX + 1)

/**
 * union vrrp_ip - an address of either family
 * @v4: IPv4
 * @v6: IPv6
 */
union vrrp_ip {
	__be32		v4;
	struct in6_addr	v6;
};

/**
 * struct vrrp_vip - one virtual address
 * @addr: the address
 * @prefixlen: its prefix length
 * @hnode: entry in the port's address index (vrrp_port.vips) while the
 *	list holding it is the one published in vrrp_router.addrs; rtnl
 *	writes, RCU readers. Meaningless in copies of the list.
 * @router: the router the address belongs to, while indexed
 * @snm: IPv6: its solicited-node group is joined on the port's device
 *	(vrrp_port_snm_sync()); rtnl
 */
struct vrrp_vip {
	union vrrp_ip		addr;
	u8			prefixlen;
	bool			snm;
	struct hlist_node	hnode;
	struct vrrp_router	*router;
};

/**
 * struct vrrp_addrs - address lists of a router, replaced as a whole
 * @rcu: for kfree_rcu()
 * @nvips: number of virtual addresses, at least 1
 * @npeers: number of unicast peers; 0 means multicast
 * @peers: the unicast peers, in the same allocation after @vips
 * @vips: the virtual addresses, in advertisement order
 *
 * Sized by its counts (vrrp_addrs_alloc()): a router with one address
 * costs one entry, not the most an advertisement can carry. Never
 * modified once published in vrrp_router.addrs, but for the rtnl fields
 * of its @vips (hnode, router, snm).
 */
struct vrrp_addrs {
	struct rcu_head	rcu;
	u8		nvips;
	u8		npeers;
	union vrrp_ip	*peers;
	struct vrrp_vip	vips[];
};

/* Bytes of an address list with room for @nvips and @npeers. */
static inline size_t vrrp_addrs_size(unsigned int nvips, unsigned int npeers)
{
	struct vrrp_addrs *a;

	return struct_size(a, vips, nvips) + npeers * sizeof(*a->peers);
}

/*
 * An empty address list with room for @nvips virtual addresses and
 * @npeers peers; the caller fills in the counts.
 */
static inline struct vrrp_addrs *vrrp_addrs_alloc(unsigned int nvips,
						  unsigned int npeers,
						  gfp_t gfp)
{
	struct vrrp_addrs *a = kzalloc(vrrp_addrs_size(nvips, npeers), gfp);

	if (a)
		a->peers = (union vrrp_ip *)&a->vips[nvips];
	return a;
}

/* A copy of an address list, not indexed. */
static inline struct vrrp_addrs *vrrp_addrs_dup(const struct vrrp_addrs *a,
						gfp_t gfp)
{
	struct vrrp_addrs *c = vrrp_addrs_alloc(a->nvips, a->npeers, gfp);

	if (!c)
		return NULL;
	c->nvips = a->nvips;
	c->npeers = a->npeers;
	memcpy(c->vips, a->vips, a->nvips * sizeof(*a->vips));
	memcpy(c->peers, a->peers, a->npeers * sizeof(*a->peers));
	return c;
}

/**
 * struct vrrp_ra_prefix - a prefix in Router Advertisements
 * @prefix: the prefix, zero beyond @len
 * @len: its length
 * @onlink: the L flag
 * @autonomous: the A flag
 * @valid: valid lifetime, s
 * @preferred: preferred lifetime, s
 */
struct vrrp_ra_prefix {
	struct in6_addr	prefix;
	u8		len;
	bool		onlink;
	bool		autonomous;
	u32		valid;
	u32		preferred;
};

/**
 * struct vrrp_ra_params - Router Advertisements of an inet6 router
 * @on: sent while Active
 * @lifetime: router lifetime, s
 * @interval_ms: MaxRtrAdvInterval
 * @mtu: MTU option, 0 for none
 * @nprefixes: prefixes in @prefixes
 * @prefixes: the Prefix Information options
 */
struct vrrp_ra_params {
	bool			on;
	u16			lifetime;
	u32			interval_ms;
	u32			mtu;
	u8			nprefixes;
	struct vrrp_ra_prefix	prefixes[VRRP_RA_PREFIXES_MAX];
};

/**
 * struct vrrp_params - the scalar configuration of a router
 * @version: 2 or 3
 * @priority: 1-255
 * @preempt: Preempt_Mode
 * @accept: Accept_Mode
 * @csum: enum vrrp_checksum, the IPv4 VRRPv3 checksum sent
 * @forward: enum vrrp_forward, whether a Backup forwards for the vMAC
 * @mode: enum vrrp_mode; fixed at creation (see vrrp_router.anycast)
 * @mac: an anycast gateway's own vMAC, all zero for the standard one;
 *	fixed at creation (the router's @vmac)
 * @v2_compat: IPv4 VRRPv3 also speaking VRRPv2 (RFC 9568 8.4)
 * @garp_count: gratuitous messages per address and burst
 * @interval_cs: Advertisement_Interval, centiseconds (VRRPv2: a
 *	multiple of 100)
 * @preempt_delay_ms: wait before preempting
 * @garp_spacing_ms: between the messages of a burst
 * @garp_repeat_ms: from becoming Active to the second burst, 0 for none
 * @garp_refresh_ms: period of refreshes while Active, 0 for none
 * @track_delay_up_ms: a tracked interface counts as up after this long
 * @track_delay_down_ms: ... and as down after this long
 * @group: sync group name, empty for none
 * @ra: Router Advertisements (inet6)
 */
struct vrrp_params {
	u8	version;
	u8	priority;
	bool	preempt;
	bool	accept;
	u8	csum;
	u8	forward;
	u8	mode;
	u8	mac[ETH_ALEN];
	bool	v2_compat;
	u8	garp_count;
	u16	interval_cs;
	u32	preempt_delay_ms;
	u32	garp_spacing_ms;
	u32	garp_repeat_ms;
	u32	garp_refresh_ms;
	u32	track_delay_up_ms;
	u32	track_delay_down_ms;
	char	group[VRRP_NAMSIZ];
	struct vrrp_ra_params ra;
};

/**
 * struct vrrp_track_item - a tracked interface or named health check
 * @ifindex: for an interface, the device that holds @name in the router's
 *	namespace now, 0 while none does (deleted, renamed, not yet
 *	created); always 0 for a health check
 * @name: the interface's name or the health check's: what is tracked
 * @iface: an interface (its admin and carrier state), not a health check
 * @weight: priority lost while down; 0 means fault
 * @up: the state that counts
 * @seen_up: the interface's state as last seen (becomes @up after the
 *	track delay)
 * @since: jiffies when @seen_up last changed
 * @ttl_ms: a health check's configured lifetime, 0 for none
 * @expiring: the health check has a deadline: its ttl, or the last
 *	report's own
 * @expired: the health check passed @expires without a report: down
 *	until the next one
 * @expires: jiffies of that deadline, while @expiring
 *
 * The router's tracked objects are written with rtnl and the router's
 * lock held, and read under either: the deadline is kept by the track
 * work (vrrp_track_settle()), which runs under rtnl, so a report only
 * moves @expires and the work finds the check alive when it runs.
 */
struct vrrp_track_item {
	int		ifindex;
	char		name[VRRP_NAMSIZ];
	bool		iface;
	u8		weight;
	bool		up;
	bool		seen_up;
	unsigned long	since;
	u32		ttl_ms;
	bool		expiring;
	bool		expired;
	unsigned long	expires;
};

/**
 * struct vrrp_tracks - the tracked objects of a router
 * @n: how many
 * @items: the objects
 */
struct vrrp_tracks {
	u8			n;
	struct vrrp_track_item	items[VRRP_TRACK_MAX];
};

/**
 * enum vrrp_drop - why a received packet was dropped
 * @VRRP_DROP_NONE: it was not
 * @VRRP_DROP_LENGTH: too short for its address count
 * @VRRP_DROP_NO_ROUTER: no router for its VRID on the interface
 * @VRRP_DROP_TTL: TTL or hop limit not 255
 * @VRRP_DROP_CARP: a CARP packet
 * @VRRP_DROP_VERSION: a version the router does not speak
 * @VRRP_DROP_TYPE: not an advertisement
 * @VRRP_DROP_CHECKSUM: bad checksum
 * @VRRP_DROP_INTERVAL: zero interval, or a VRRPv2 interval that differs
 * @VRRP_DROP_AUTH: VRRPv2 authentication type not 0
 * @VRRP_DROP_PEER: not from a configured unicast peer
 * @VRRP_DROP_OWNER: we are the address owner (RFC 9568 7.1)
 * @VRRP_DROP_ADDRS: VRRPv2 address list differs, sender not the owner
 * @VRRP_DROP_V2_IGNORED: v2-compat: a VRRPv2 copy of a sender that also
 *	sends VRRPv3
 * @VRRP_DROP_ANYCAST: an anycast gateway elects nothing: another router
 *	runs VRRP for its VRID on the link
 */
enum vrrp_drop {
	VRRP_DROP_NONE,
	VRRP_DROP_LENGTH,
	VRRP_DROP_NO_ROUTER,
	VRRP_DROP_TTL,
	VRRP_DROP_CARP,
	VRRP_DROP_VERSION,
	VRRP_DROP_TYPE,
	VRRP_DROP_CHECKSUM,
	VRRP_DROP_INTERVAL,
	VRRP_DROP_AUTH,
	VRRP_DROP_PEER,
	VRRP_DROP_OWNER,
	VRRP_DROP_ADDRS,
	VRRP_DROP_V2_IGNORED,
	VRRP_DROP_ANYCAST,
};

struct vrrp_port;

/**
 * struct vrrp_router - one virtual router: an interface, a VRID, a family
 * @port: the port of the interface; fixed for the router's life
 * @family: enum vrrp_family; fixed
 * @vrid: Virtual Router Identifier; fixed
 * @vmac: virtual MAC 00-00-5E-00-01-{VRID} (IPv6: 00-00-5E-00-02-{VRID}),
 *	or an anycast gateway's own (vrrp_vmac_is_standard()); fixed
 * @anycast: an anycast gateway (mode anycast): Active without an
 *	election, no advertisements; fixed
 * @port_node: entry in vrrp_port.routers; rtnl writes, RCU readers
 * @net_node: entry in vrrp_net.routers; rtnl writes, RCU readers
 * @refcnt: the lists hold one reference; a queued @sync_work, @track_work
 *	or @drain_work one each
 * @rcu: for kfree_rcu()
 * @addrs: address lists; rtnl writes, RCU readers
 * @lock: protects everything below it except the rtnl-only fields
 * @p: configuration
 * @state: current state; written under @lock, read with READ_ONCE()
 *	by the ingress hook
 * @old_state: the state before the last transition
 * @reason: enum vrrp_reason of the last transition
 * @deleted: vrrp_router_delete() took it off its port (under rtnl): the
 *	sync work may no longer reach the device through it
 * @dead: set once the router is being deleted: no timer may be armed
 * @no_address: waiting in Initialize for an address to advertise from;
 *	@timer checks for one every Advertisement_Interval
 * @prio0_seen: the Active_Down_Timer runs for Skew_Time after a
 *	priority-0 advertisement
 * @preempting: a lower-priority Active router is being discarded
 * @preempt_after: when preempt delay allows preempting (ktime)
 * @last_advert: when an Active router last sent an advertisement on its
 *	Adver_Timer or in answer to one (rate limit of the answers)
 * @tx_cpu: the CPU that last sent its advertisement: the priority-0 one
 *	is sent from there (vrrp_fsm_stop_output())
 * @drain_until: make before break (drain.c): after a planned exit from
 *	Active, frames to the vMAC are forwarded until then (jiffies: one
 *	word, read whole on 32-bit too), brought forward when another
 *	router is heard; 0: not draining (one past is cleared by the next
 *	advertisement heard). Written under @lock, read with READ_ONCE()
 *	by the ingress hook
 * @active_adver_cs: Active_Adver_Interval, centiseconds
 * @active_addr: primary address of the Active router, zero if unknown
 * @v3_from: v2-compat: the last sender of a VRRPv3 advertisement
 * @v3_until: ... until when its VRRPv2 copies are ignored
 * @timer: Adver_Timer while Active, Active_Down_Timer while Backup
 * @timer_state: the state @timer was last armed in; an expiry in another
 *	state is stale
 * @down_rechecked: the Active_Down_Timer expired and was armed again to
 *	look once more (vrrp_fsm_down_recheck()); cleared by every arming
 * @down_at: Backup: when the Active_Down_Timer is due, if later than
 *	@timer's expiry: advertisements move it on without restarting
 *	@timer, which moves itself there when it fires before it
 *	(vrrp_fsm_follow()); 0: @timer's expiry is the deadline. Cleared by
 *	every arming
 * @garp_timer: paces gratuitous ARP / unsolicited NA while Active
 * @garp_left: messages left in the current burst
 * @garp_second: the second burst is still to come
 * @ra_timer: sends Router Advertisements while Active
 * @ra_initial: initial Router Advertisements still to send
 * @ra_last: when the last Router Advertisement was sent (ktime)
 * @stats: counters
 * @penalty: priority lost to tracked objects that are down (those of the
 *	whole sync group); written with rtnl and @lock held
 * @fault: a tracked object with weight 0 or a sync group member is down:
 *	the router stays in Initialize; written with rtnl and @lock held
 * @group_held: demoted by its sync group: does not preempt until a
 *	member becomes Active or the router is reconfigured
 * @tracks: tracked objects; written with rtnl and @lock held
 * @track_work: applies the track delays and expires health checks; holds
 *	a reference while queued
 * @track_ntf: a health check changed state: the next tracking pass sends
 *	a change event even if the penalty and fault stay; rtnl
 * @group_node: entry in vrrp_net.groups while @p.group is set; rtnl
 *	writes, RCU readers (vrrp_group_sync())
 * @track_gen: the vrrp_track_update() pass that last updated it; rtnl
 * @uc_installed: vMAC is in the device's unicast filter (from creation to
 *	deletion); rtnl
 * @accept_installed: addresses installed as local ones (Accept_Mode);
 *	only the sync work touches it
 * @sync_net: for a deleted router with @accept_installed: a reference to
 *	its namespace, handed to the sync work; rtnl
 * @sync_ifindex: ... and its interface index
 * @sync_work: brings the Accept_Mode addresses in line with @state
 * @mac_node: entry in vrrp_port.macs while a vMAC that is not the
 *	standard one is in the filter; rtnl writes, RCU readers
 * @draining: deleted, and still forwarding from its port's @drains
 *	with its vMAC filter; rtnl
 * @drain_node: entry in vrrp_port.drains; rtnl writes, RCU readers
 * @drain_work: lets a deleted router go when its drain ends (queued for
 *	the deadline it began with, re-armed by vrrp_drain_heard_rcu() for an
 *	earlier end); holds a reference while queued
 */
struct vrrp_router {
	struct vrrp_port		*port;
	u8				family;
	u8				vrid;
	u8				vmac[ETH_ALEN];
	bool				anycast;
	struct list_head		port_node;
	struct list_head		net_node;
	refcount_t			refcnt;
	struct rcu_head			rcu;
	struct vrrp_addrs __rcu		*addrs;

	spinlock_t			lock;	/* see the kernel-doc above */
	struct vrrp_params		p;
	enum vrrp_state			state;
	enum vrrp_state			old_state;
	enum vrrp_reason		reason;
	bool				deleted;
	bool				dead;
	bool				no_address;
	bool				prio0_seen;
	bool				preempting;
	ktime_t				preempt_after;
	ktime_t				last_advert;
	int				tx_cpu;
	unsigned long			drain_until;
	u16				active_adver_cs;
	union vrrp_ip			active_addr;
	union vrrp_ip			v3_from;
	ktime_t				v3_until;
	struct hrtimer			timer;
	enum vrrp_state			timer_state;
	bool				down_rechecked;
	ktime_t				down_at;
	struct hrtimer			garp_timer;
	u8				garp_left;
	bool				garp_second;
	struct hrtimer			ra_timer;
	u8				ra_initial;
	ktime_t				ra_last;
	struct vrrp_stats		stats;
	unsigned int			penalty;
	bool				fault;
	bool				group_held;
	struct vrrp_tracks		tracks;
	struct delayed_work		track_work;
	bool				track_ntf;
	struct hlist_node		group_node;
	u32				track_gen;

	bool				uc_installed;
	struct hlist_node		mac_node;
	struct vrrp_addrs		*accept_installed;
	struct net			*sync_net;
	int				sync_ifindex;
	struct work_struct		sync_work;

	bool				draining;
	struct hlist_node		drain_node;
	struct delayed_work		drain_work;
};

#define VRRP_PORT_VIP_BITS	8
#define VRRP_PORT_DRAIN_BITS	6
#define VRRP_PORT_MAC_BITS	4
#define VRRP_NET_GROUP_BITS	6

/**
 * struct vrrp_port - the VRRP side of one net_device
 * @hnode: entry in the global port hash keyed by device; rtnl writes,
 *	RCU readers
 * @dev: the device; a tracked reference is held
 * @dev_tracker: tracker of that reference
 * @hooks: netdev ingress (ARP/ND answers, vMAC delivery) and egress
 *	(virtual addresses never sent with the real MAC) hooks, priv = port;
 *	without netdev egress (compat.h) the namespace's ARP and IPv6
 *	output hooks do the second
 * @routers: routers by family (0 inet, 1 inet6) and VRID; rtnl writes,
 *	RCU readers
 * @list: every router of the port; rtnl writes, RCU readers
 * @drains: deleted routers still forwarding for their vMAC (drain.c),
 *	by family and VRID, one each; rtnl writes, RCU readers
 * @vips: the virtual addresses of every router of the port, by family
 *	and address (vrrp_port_vip_owner_rcu()): what the ARP/ND hooks and the
 *	choice of an advertisement's source look up, per packet; rtnl
 *	writes, RCU readers
 * @macs: the routers of the port whose vMAC is not the standard one of
 *	their VRID (anycast gateways), by MAC; rtnl writes, RCU readers
 * @nmacs: how many: the ingress hook looks a frame up in @macs only
 *	while there are some; rtnl writes, READ_ONCE()
 * @mc4: 224.0.0.18 joined; rtnl
 * @mc6: ff02::12 joined; rtnl
 * @gone: the device is being unregistered (or leaving the namespace):
 *	its addresses went with it; rtnl
 * @rcu: for kfree_rcu()
 */
struct vrrp_port {
	struct rcu_head			rcu;	/* first: kfree_rcu() offset */
	struct hlist_node		hnode;
	struct net_device		*dev;
	netdevice_tracker		dev_tracker;
	struct nf_hook_ops		hooks[VRRP_NHOOKS];
	struct vrrp_router __rcu	*routers[2][VRRP_VRID_MAX + 1];
	struct list_head		list;
	DECLARE_HASHTABLE(drains, VRRP_PORT_DRAIN_BITS);
	DECLARE_HASHTABLE(vips, VRRP_PORT_VIP_BITS);
	DECLARE_HASHTABLE(macs, VRRP_PORT_MAC_BITS);
	unsigned int			nmacs;
	bool				mc4;
	bool				mc6;
	bool				gone;
};

/**
 * struct vrrp_net - per network namespace data
 * @routers: every router of the namespace; rtnl writes, RCU readers
 * @nrouters: how many; rtnl
 * @ndrains: deleted routers still draining (drain.c), bounded like
 *	@nrouters; rtnl
 * @groups: the routers with a sync group, by group name; rtnl writes,
 *	RCU readers
 * @track_gen: stamp of the last vrrp_track_update() pass; rtnl
 * @vrid_errors: packets for a VRID with no router on their interface
 *	(vrrpv3RouterVrIdErrors)
 * @length_errors: packets too short for a VRRP header
 * @nports: ports of the namespace, which share its ARP and IPv6 output
 *	hooks where the kernel has no netdev egress hook (compat.h); rtnl
 *
 * The counters are atomic: the receive path runs on every CPU.
 */
struct vrrp_net {
	struct list_head	routers;
	unsigned int		nrouters;
	unsigned int		ndrains;
	DECLARE_HASHTABLE(groups, VRRP_NET_GROUP_BITS);
	u32			track_gen;
	atomic64_t		vrid_errors;
	atomic64_t		length_errors;
#if !VRRP_NF_EGRESS
	unsigned int		nports;
#endif
};

extern unsigned int vrrp_net_id;
extern struct workqueue_struct *vrrp_wq;

static inline struct vrrp_net *vrrp_pernet(struct net *net)
{
	return net_generic(net, vrrp_net_id);
}

static inline struct net_device *vrrp_dev(const struct vrrp_router *r)
{
	return r->port->dev;
}

static inline bool vrrp_is_v6(const struct vrrp_router *r)
{
	return r->family == VRRP_FAMILY_INET6;
}

/*
 * Active or not, as the hooks, the solicited-node groups and the sync
 * work see it: without r->lock, the state changing under them.
 */
static inline bool vrrp_is_active(const struct vrrp_router *r)
{
	return READ_ONCE(r->state) == VRRP_STATE_ACTIVE;
}

/*
 * Active-active ("forward any"): a Backup forwards what the LAN delivers
 * to it for the vMAC, and nothing else changes. Only a Backup that could
 * take over as it is: not in Initialize (link down, a fault, no address),
 * not with priority lost to its tracked objects (an uplink down), not
 * held by its sync group (another of its group went Backup): traffic
 * sent through it would be lost, or take a path the others do not.
 * Lockless, like vrrp_is_active().
 */
static inline bool vrrp_forwards_as_backup(const struct vrrp_router *r)
{
	return READ_ONCE(r->p.forward) == VRRP_FORWARD_ANY &&
	       READ_ONCE(r->state) == VRRP_STATE_BACKUP &&
	       !READ_ONCE(r->penalty) && !READ_ONCE(r->group_held);
}

/*
 * Draining (drain.c): no longer Active after a planned handover, still
 * forwarding what the LAN sends to the vMAC until the new Active router
 * is heard. Lockless, like vrrp_is_active().
 */
static inline bool vrrp_is_draining(const struct vrrp_router *r)
{
	unsigned long until = READ_ONCE(r->drain_until);

	return until && time_before(jiffies, until);
}

/* A port with no router left, nor a deleted one draining: it may go. */
static inline bool vrrp_port_unused(struct vrrp_port *port)
{
	return list_empty(&port->list) && hash_empty(port->drains);
}

/* Index of a family in vrrp_port.routers */
static inline unsigned int vrrp_fam_idx(u8 family)
{
	return family == VRRP_FAMILY_INET6;
}

static inline bool vrrp_link_ok(const struct net_device *dev)
{
	return netif_running(dev) && netif_carrier_ok(dev);
}

/*
 * The priority advertised and compared: the configured one less the
 * penalty of tracked objects that are down, at least 1; the address owner
 * keeps 255. r->lock or rtnl held.
 */
static inline u8 vrrp_prio(const struct vrrp_router *r)
{
	if (r->p.priority == VRRP_PRIO_OWNER)
		return VRRP_PRIO_OWNER;
	if (r->penalty >= r->p.priority)
		return 1;
	return r->p.priority - r->penalty;
}

/* The address list; RCU read lock, rtnl or r->lock held. */
static inline struct vrrp_addrs *vrrp_addrs(const struct vrrp_router *r)
{
	return rcu_dereference_check(r->addrs, lockdep_rtnl_is_held() ||
				     lockdep_is_held(&r->lock));
}

/* router.c */
struct vrrp_router *vrrp_router_find(struct net_device *dev, u8 family,
				     u8 vrid);
struct vrrp_router *vrrp_router_create(struct net_device *dev, u8 family,
				       u8 vrid, const struct vrrp_params *p,
				       struct vrrp_addrs *addrs,
				       struct vrrp_tracks *tracks,
				       struct netlink_ext_ack *extack);
void vrrp_router_change(struct vrrp_router *r, const struct vrrp_params *p,
			struct vrrp_addrs *addrs, struct vrrp_tracks *tracks);
void vrrp_router_delete(struct vrrp_router *r);
void vrrp_router_put(struct vrrp_router *r);
void vrrp_router_reset_stats(struct vrrp_router *r);
void vrrp_net_flush(struct net *net);
unsigned int vrrp_router_limit(void);
int vrrp_router_init(void);
void vrrp_router_exit(void);

/* notify.c */
extern bool vrrp_unloading;
int vrrp_notify_init(void);
void vrrp_notify_exit(void);

/* port.c */
struct vrrp_port *vrrp_port_lookup_rcu(const struct net_device *dev);
struct vrrp_port *vrrp_port_lookup_rtnl(const struct net_device *dev);
struct vrrp_port *vrrp_port_get(struct net_device *dev, u8 family,
				struct netlink_ext_ack *extack);
void vrrp_port_release(struct vrrp_port *port);
void vrrp_port_mtu_changed(struct vrrp_port *port);
bool vrrp_vip_match(const struct vrrp_addrs *a, u8 family,
		    const union vrrp_ip *addr);
struct vrrp_router *vrrp_port_vip_owner_rcu(struct vrrp_port *port,
					    u8 family,
					    const union vrrp_ip *addr);
struct vrrp_router *vrrp_port_vip_owner_rtnl(struct vrrp_port *port,
					     u8 family,
					     const union vrrp_ip *addr);
void vrrp_port_index(struct vrrp_router *r, struct vrrp_addrs *a);
void vrrp_port_unindex(struct vrrp_addrs *a);
void vrrp_port_snm_sync(struct vrrp_router *r, struct vrrp_addrs *a);
void vrrp_port_snm_replace(struct vrrp_router *r, struct vrrp_addrs *old,
			   struct vrrp_addrs *a);
void vrrp_port_snm_leave(struct vrrp_router *r, struct vrrp_addrs *a);

/* drain.c */
u32 vrrp_drain_us(const struct vrrp_router *r);
struct vrrp_router *vrrp_drain_find_rcu(struct vrrp_port *port, u8 family,
					u8 vrid);
void vrrp_drain_heard_rcu(struct vrrp_port *port, u8 family, u8 vrid,
			  u16 adver_cs);
void vrrp_drain_init(struct vrrp_router *r);
bool vrrp_drain_keep_rtnl(struct vrrp_router *r);
bool vrrp_drain_flush_rtnl(struct vrrp_port *port);
void vrrp_drain_unload(void);

/* arp_nd.c */
unsigned int vrrp_ingress(void *priv, struct sk_buff *skb,
			  const struct nf_hook_state *state);
/* vrrp_egress(), vrrp_output(): in compat.h, which registers them */

/* vmac.c */
extern const u8 vrrp_vmac_prefix[4];
void vrrp_vmac_init_router(struct vrrp_router *r);
bool vrrp_vmac_is_standard(const struct vrrp_router *r);
struct vrrp_router *vrrp_port_mac_find_rcu(struct vrrp_port *port,
					   u8 family, const u8 *mac);
int vrrp_vmac_install(struct vrrp_router *r, struct netlink_ext_ack *extack);
void vrrp_sync_schedule(struct vrrp_router *r);
void vrrp_vmac_uninstall(struct vrrp_router *r);

/* tx.c */
bool vrrp_primary_addr(struct vrrp_router *r, union vrrp_ip *addr);
struct sk_buff *vrrp_advert_build(struct vrrp_router *r, u8 priority,
				  const union vrrp_ip *dst, u8 version);
void vrrp_advert_send(struct vrrp_router *r, bool stop, bool direct);
void vrrp_garp_send(struct vrrp_router *r, unsigned int count);
void vrrp_na_send(struct vrrp_router *r, const struct in6_addr *target,
		  const struct in6_addr *daddr, const u8 *dmac);
void vrrp_ra_send(struct vrrp_router *r, bool final, bool direct);

/**
 * enum vrrp_stop - how a stopping Active router says goodbye
 * @VRRP_STOP_SILENT: not at all (the link is gone)
 * @VRRP_STOP_ANNOUNCE: priority-0 advertisement through the qdisc
 * @VRRP_STOP_DIRECT: priority-0 advertisement straight to the driver,
 *	for a device going down whose qdisc may hold it back
 */
enum vrrp_stop {
	VRRP_STOP_SILENT,
	VRRP_STOP_ANNOUNCE,
	VRRP_STOP_DIRECT,
};

/* fsm.c */
void vrrp_fsm_init(struct vrrp_router *r);
void vrrp_fsm_startup(struct vrrp_router *r);
void vrrp_fsm_shutdown(struct vrrp_router *r, enum vrrp_stop how,
		       enum vrrp_reason reason);
void vrrp_fsm_kill(struct vrrp_router *r);
void vrrp_fsm_drain_heard(struct vrrp_router *r, u16 adver_cs);
void vrrp_fsm_advert(struct vrrp_router *r, u8 priority, u16 adver_cs,
		     const union vrrp_ip *saddr);
void vrrp_fsm_changed(struct vrrp_router *r, bool addrs_changed);
void vrrp_fsm_ra_changed(struct vrrp_router *r, bool was_on, bool changed);
void vrrp_fsm_router_solicit(struct vrrp_port *port);
bool vrrp_fsm_track(struct vrrp_router *r, unsigned int penalty, bool fault);
void vrrp_fsm_group_event(struct vrrp_router *r, const char *group,
			  bool active);

/* track.c */
void vrrp_track_init(struct vrrp_router *r, struct vrrp_tracks *tracks);
int vrrp_track_replace(struct vrrp_router *r, struct vrrp_tracks *tracks,
		       struct netlink_ext_ack *extack);
bool vrrp_track_has_check(const struct vrrp_tracks *tracks, const char *name);
int vrrp_track_set_state(struct vrrp_router *r, const char *name, bool up,
			 u32 ttl_ms, struct netlink_ext_ack *extack);
int vrrp_track_set_check(struct net *net, const char *name, bool up,
			 u32 ttl_ms);
void vrrp_track_update(struct net *net);
void vrrp_track_update_router(struct vrrp_router *r);
void vrrp_group_index(struct vrrp_router *r);
void vrrp_group_unindex(struct vrrp_router *r);
void vrrp_track_netdev(struct net_device *dev, unsigned long event);
void vrrp_track_stop(struct vrrp_router *r);
void vrrp_group_sync(struct vrrp_router *r);

/* rx.c */
int vrrp_rx_init(void);
void vrrp_rx_exit(void);

/* netlink.c */
void vrrp_nl_notify(struct vrrp_router *r, u8 cmd, gfp_t gfp);
int vrrp_netlink_init(void);
void vrrp_netlink_exit(void);

#endif /* _VRRP_H */
