/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel VRRP (RFC 9568): shared structures and constants.
 *
 * Locking, in one place:
 *  - rtnl_lock serialises all configuration: creating and deleting ports
 *    and routers, the per-namespace router lists, dev_uc_add/dev_uc_del
 *    and multicast membership.
 *  - RCU protects the lookups done from the receive path and the ingress
 *    hook (port hash, port->routers[], port->list) and the dumps; ports
 *    and routers are freed with kfree_rcu().
 *  - vrrp_router.lock (a BH spinlock) protects the protocol state: state,
 *    the timer, learned interval, active router address and counters.
 *    The hrtimer callback and the receive path run in softirq context.
 */
#ifndef _VRRP_H
#define _VRRP_H

#include <linux/hrtimer.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/netfilter.h>
#include <net/netns/generic.h>
#include <uapi/linux/vrrp.h>

#define IPPROTO_VRRP		112	/* not in the uapi in.h */
#define VRRP_TTL		255	/* RFC 9568 5.1.1.3 */
#define VRRP_VERSION		3	/* RFC 9568 5.2.1 */
#define VRRP_TYPE_ADVERT	1	/* RFC 9568 5.2.2 */
#define VRRP_PRIO_OWNER		255	/* RFC 9568 5.2.4 */
#define VRRP_PRIO_STOP		0	/* RFC 9568 5.2.4 */
#define VRRP_PRIO_DEFAULT	100	/* RFC 9568 6.1 */
#define VRRP_INTERVAL_DEFAULT_CS 100	/* 1 s, RFC 9568 6.1 */
#define VRRP_MAX_ADVER_INT	0x0fff	/* 12 bits of centiseconds */
#define VRRP_MCAST_GROUP4	htonl(0xe0000012)	/* 224.0.0.18 */

/**
 * struct vrrp_hdr - VRRPv3 advertisement header (RFC 9568 5.1)
 * @vers_type: version (high nibble) and type (low nibble)
 * @vrid: Virtual Router Identifier
 * @priority: sender's priority; 0 means it is stopping
 * @naddr: number of addresses that follow the header
 * @rsvd_maxadv: 4 reserved bits, then Max Adver Int in centiseconds
 * @csum: checksum; for IPv4 either with or without the pseudo-header
 *
 * The addresses (4 bytes each for IPv4) follow the header.
 */
struct vrrp_hdr {
	u8	vers_type;
	u8	vrid;
	u8	priority;
	u8	naddr;
	__be16	rsvd_maxadv;
	__sum16	csum;
} __packed;

/**
 * struct vrrp_vip - one virtual address
 * @addr: the IPv4 address
 * @prefixlen: its prefix length
 */
struct vrrp_vip {
	__be32	addr;
	u8	prefixlen;
};

/**
 * struct vrrp_stats - per virtual router counters (RFC 6527 names)
 *
 * All fields are protected by vrrp_router.lock. See the stats
 * attribute set in Documentation/netlink/specs/vrrp.yaml.
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
};

struct vrrp_port;

/**
 * struct vrrp_router - one virtual router: an interface and a VRID
 * @port: the port of the interface; fixed for the router's life
 * @vrid: Virtual Router Identifier; fixed
 * @vmac: virtual MAC 00-00-5E-00-01-{VRID}; fixed
 * @port_node: entry in vrrp_port.routers; rtnl writes, RCU readers
 * @net_node: entry in vrrp_net.routers; rtnl writes, RCU readers
 * @refcnt: the lists hold one reference, a queued @uc_work another
 * @rcu: for kfree_rcu()
 * @nvips: number of entries in @vips; fixed at creation
 * @vips: the virtual addresses; fixed at creation, read without lock
 * @lock: protects everything below it except the rtnl-only fields
 * @priority: configured priority (1-255)
 * @preempt: Preempt_Mode
 * @interval_cs: configured Advertisement_Interval, centiseconds
 * @state: current state; written under @lock, read with READ_ONCE()
 *	by the ingress hook
 * @dead: set once the router is being deleted: no timer may be armed
 * @active_adver_cs: Active_Adver_Interval, centiseconds
 * @active_addr: primary address of the Active router, 0 if unknown
 * @timer: Adver_Timer while Active, Active_Down_Timer while Backup
 * @stats: counters
 * @uc_installed: vMAC is in the device's unicast filter; rtnl
 * @uc_work: brings the unicast filter in line with @state under rtnl
 */
struct vrrp_router {
	struct vrrp_port	*port;
	u8			vrid;
	u8			vmac[ETH_ALEN];
	struct list_head	port_node;
	struct list_head	net_node;
	refcount_t		refcnt;
	struct rcu_head		rcu;
	unsigned int		nvips;
	struct vrrp_vip		vips[VRRP_VIPS_MAX];

	spinlock_t		lock;	/* see the kernel-doc above */
	u8			priority;
	bool			preempt;
	u16			interval_cs;
	enum vrrp_state		state;
	bool			dead;
	u16			active_adver_cs;
	__be32			active_addr;
	struct hrtimer		timer;
	struct vrrp_stats	stats;

	bool			uc_installed;
	struct work_struct	uc_work;
};

/**
 * struct vrrp_port - the VRRP side of one net_device
 * @hnode: entry in the global port hash keyed by device; rtnl writes,
 *	RCU readers
 * @dev: the device; a tracked reference is held
 * @dev_tracker: tracker of that reference
 * @ingress: netdev ingress hook on @dev, priv = this port
 * @v4: routers by VRID; rtnl writes, RCU readers
 * @routers: list of the routers above; rtnl writes, RCU readers
 * @rcu: for kfree_rcu()
 */
struct vrrp_port {
	struct hlist_node		hnode;
	struct net_device		*dev;
	netdevice_tracker		dev_tracker;
	struct nf_hook_ops		ingress;
	struct vrrp_router __rcu	*v4[VRRP_VRID_MAX + 1];
	struct list_head		routers;
	struct rcu_head			rcu;
};

/**
 * struct vrrp_net - per network namespace data
 * @routers: every router of the namespace; rtnl writes, RCU readers
 * @vrid_errors: packets for a VRID with no router on their interface
 *	(vrrpv3RouterVrIdErrors)
 * @length_errors: packets too short for a VRRP header
 *
 * The counters are atomic: the receive path runs on every CPU.
 */
struct vrrp_net {
	struct list_head	routers;
	atomic64_t		vrid_errors;
	atomic64_t		length_errors;
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

/* router.c */
struct vrrp_router *vrrp_router_find(struct net_device *dev, u8 vrid);
struct vrrp_router *vrrp_router_create(struct net_device *dev, u8 vrid,
				       u8 priority, u16 interval_cs,
				       bool preempt,
				       const struct vrrp_vip *vips,
				       unsigned int nvips,
				       struct netlink_ext_ack *extack);
void vrrp_router_delete(struct vrrp_router *r);
void vrrp_router_put(struct vrrp_router *r);
void vrrp_net_flush(struct net *net);
int vrrp_router_init(void);
void vrrp_router_exit(void);

/* vmac.c */
struct vrrp_port *vrrp_port_lookup_rcu(const struct net_device *dev);
struct vrrp_port *vrrp_port_get(struct net_device *dev,
				struct netlink_ext_ack *extack);
void vrrp_port_release(struct vrrp_port *port);
void vrrp_vmac_init_router(struct vrrp_router *r);
void vrrp_vmac_schedule(struct vrrp_router *r);
void vrrp_vmac_sync(struct vrrp_router *r);
bool vrrp_vip_match(const struct vrrp_router *r, __be32 addr);

/* tx.c */
__be32 vrrp_primary_addr4(struct net_device *dev);
struct sk_buff *vrrp_advert_build(struct vrrp_router *r, u8 priority);
void vrrp_advert_xmit(struct sk_buff *skb, bool direct);
void vrrp_garp_send(struct vrrp_router *r);

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
void vrrp_fsm_shutdown(struct vrrp_router *r, enum vrrp_stop how);
void vrrp_fsm_kill(struct vrrp_router *r);
void vrrp_fsm_advert(struct vrrp_router *r, u8 priority, u16 adver_cs,
		     __be32 saddr);
u32 vrrp_skew_time_us(u8 priority, u16 adver_cs);
u32 vrrp_active_down_us(u8 priority, u16 adver_cs);

/* rx.c */
int vrrp_rx_init(void);
void vrrp_rx_exit(void);

/* netlink.c */
int vrrp_netlink_init(void);
void vrrp_netlink_exit(void);

#endif /* _VRRP_H */
