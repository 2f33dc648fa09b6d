// SPDX-License-Identifier: GPL-2.0
/*
 * Make before break. A router that leaves Active on a planned handover
 * (deleted, a fault of its tracking, a restart, its sync group) sends
 * priority 0, and its Backup takes over Skew_Time later. Until the new
 * Active router's gratuitous ARP moves the virtual MAC in the switches,
 * the LAN still sends frames for it to the old router: dropping them
 * loses Skew_Time of traffic. The old router forwards them instead (as
 * keepalived's does by default: without a virtual MAC, hosts keep sending
 * to its real one until the new router's gratuitous ARP), until it hears
 * the new Active router's advertisement, or at most the
 * Active_Down_Interval of the slowest Backup. It does not answer ARP or
 * ND meanwhile, accepts nothing for the virtual addresses, and sends no
 * advertisement.
 *
 * A router that stays drains in place (vrrp_router.drain_until). A
 * deleted one is kept in its port's drains with its vMAC filter: the
 * ingress hook finds it there by VRID when no router of that VRID on the
 * port is Active or draining, the receive path for every advertisement of
 * its VRID, and a work item lets it go when its drain ends.
 */
#include <linux/delay.h>
#include <linux/hashtable.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>

#include "vrrp.h"

/* How often an unloading module looks whether the drains are over. */
#define VRRP_DRAIN_POLL_MS	10

/**
 * vrrp_drain_us() - the longest a router may drain
 * @r: the router
 *
 * Active_Down_Interval of a priority-1 Backup of this router, whose
 * Skew_Time is the longest: by then a Backup is Active, or none is left.
 *
 * Context: any.
 * Return: microseconds.
 */
u32 vrrp_drain_us(const struct vrrp_router *r)
{
	return vrrp_active_down_us(r->p.version, 1, r->p.interval_cs);
}

static u32 vrrp_drain_key(u8 family, u8 vrid)
{
	return (u32)family << 8 | vrid;
}

/**
 * vrrp_drain_find_rcu() - the deleted router of a port draining a VRID
 * @port: the port
 * @family: enum vrrp_family
 * @vrid: the VRID
 *
 * Context: RCU read lock held.
 * Return: the router, or NULL (none, or its drain is over).
 */
struct vrrp_router *vrrp_drain_find_rcu(struct vrrp_port *port, u8 family,
					u8 vrid)
{
	struct vrrp_router *r;

	hash_for_each_possible_rcu(port->drains, r, drain_node,
				   vrrp_drain_key(family, vrid)) {
		if (r->family == family && r->vrid == vrid)
			return vrrp_is_draining(r) ? r : NULL;
	}
	return NULL;
}

/*
 * How long a router still drains, in jiffies (0: it does not); never
 * longer than a drain lasts, should a deadline long past look ahead
 * again (a 32-bit jiffies wraps in 49.7 days at HZ=1000).
 */
static unsigned long vrrp_drain_left(const struct vrrp_router *r)
{
	unsigned long until = READ_ONCE(r->drain_until);
	unsigned long now = jiffies;

	if (!until || !time_before(now, until))
		return 0;
	return min(until - now, usecs_to_jiffies(vrrp_drain_us(r)) + 1);
}

/*
 * A deleted router's drain ends one grace after the new Active router is
 * heard: let it go then, with its vMAC filter and maybe its port, not at
 * the deadline it began with. A queued work item holds a reference: the
 * one taken here goes back when the work was queued (it now runs at the
 * drain's end), and stays with a work queued here otherwise (the clamp of
 * vrrp_drain_left()). Only while the drain is on, under r->lock: ending a
 * drain clears drain_until under it before cancelling the work
 * (vrrp_drain_stop_rtnl()), so that cancel finds what is re-armed here,
 * and nothing is re-armed after it, which the unload would not wait for.
 * Not when the router is already going either: its last reference is
 * gone, and RCU keeps it only for this reader.
 */
static void vrrp_drain_requeue(struct vrrp_router *r)
{
	bool queued = true;

	if (!refcount_inc_not_zero(&r->refcnt))
		return;
	spin_lock(&r->lock);
	if (vrrp_is_draining(r))
		queued = mod_delayed_work(vrrp_wq, &r->drain_work,
					  vrrp_drain_left(r) + 1);
	spin_unlock(&r->lock);
	if (queued)
		vrrp_router_put(r);
}

/**
 * vrrp_drain_heard_rcu() - an Active router's advertisement for a VRID
 * @port: the port it came in on
 * @family: enum vrrp_family
 * @vrid: the VRID
 * @adver_cs: its interval, centiseconds
 *
 * The deleted router of the VRID draining on the port, if any, ends its
 * drain one grace later and goes then. When the VRID has a router again
 * (deleted and added while the old one drains), that one receives the
 * advertisements, and the old one must hear them too.
 *
 * Context: softirq (the receive path), RCU read lock held.
 */
void vrrp_drain_heard_rcu(struct vrrp_port *port, u8 family, u8 vrid,
			  u16 adver_cs)
{
	struct vrrp_router *r;

	if (hash_empty(port->drains))
		return;
	r = vrrp_drain_find_rcu(port, family, vrid);
	if (!r)
		return;
	vrrp_fsm_drain_heard(r, adver_cs);
	vrrp_drain_requeue(r);
}

/* Take a deleted router off its port's drains, with its vMAC filter. */
static void vrrp_drain_end_rtnl(struct vrrp_router *r)
{
	ASSERT_RTNL();
	r->draining = false;
	spin_lock_bh(&r->lock);
	WRITE_ONCE(r->drain_until, 0);
	spin_unlock_bh(&r->lock);
	hash_del_rcu(&r->drain_node);
	vrrp_pernet(dev_net(vrrp_dev(r)))->ndrains--;
	vrrp_vmac_uninstall(r);
}

/* End a drain before its time; the port stays. */
static void vrrp_drain_stop_rtnl(struct vrrp_router *r)
{
	/* First: vrrp_drain_requeue() re-arms the work only before. */
	vrrp_drain_end_rtnl(r);
	/* Else it runs, finds the drain over, and drops its reference. */
	if (cancel_delayed_work(&r->drain_work))
		vrrp_router_put(r);
}

static void vrrp_drain_work(struct work_struct *work)
{
	struct vrrp_router *r = container_of(to_delayed_work(work),
					     struct vrrp_router, drain_work);
	struct vrrp_port *port;

	rtnl_lock();
	/* Not draining: a run re-armed after the drain ended, its port gone. */
	if (r->draining) {
		port = r->port;
		vrrp_drain_end_rtnl(r);
		if (vrrp_port_unused(port))
			vrrp_port_release(port);
	}
	rtnl_unlock();
	vrrp_router_put(r);
}

/**
 * vrrp_drain_init() - prepare the drain of a new router
 * @r: the router, not yet visible
 *
 * Context: any.
 */
void vrrp_drain_init(struct vrrp_router *r)
{
	INIT_HLIST_NODE(&r->drain_node);
	INIT_DELAYED_WORK(&r->drain_work, vrrp_drain_work);
}

/* Whether a router being deleted may drain: see vrrp_drain_keep_rtnl(). */
static bool vrrp_drain_may_rtnl(struct vrrp_router *r)
{
	struct net_device *dev = vrrp_dev(r);
	struct net *net = dev_net(dev);

	return vrrp_is_draining(r) && !r->port->gone && !vrrp_unloading &&
	       check_net(net) && vrrp_link_ok(dev) &&
	       vrrp_pernet(net)->ndrains < vrrp_router_limit();
}

/**
 * vrrp_drain_keep_rtnl() - keep a router being deleted while it drains
 * @r: the router, stopped, still among its port's routers
 *
 * A router that announced its exit from Active keeps forwarding for its
 * vMAC from its port's drains until its drain ends. Not when the link is
 * down, the device is going away, the namespace is dismantled or the
 * module unloads: what it forwarded to has gone, or goes with it. A
 * namespace holds at most max_routers drains (beyond, a deleted router
 * goes at once), and a port one per VRID and family: a new one ends the
 * old one.
 *
 * Context: rtnl held.
 * Return: true if it drains (the vMAC filter stays until it ends).
 */
bool vrrp_drain_keep_rtnl(struct vrrp_router *r)
{
	struct vrrp_port *port = r->port;
	struct vrrp_router *old;
	unsigned long left;
	u32 key;

	ASSERT_RTNL();
	spin_lock_bh(&r->lock);
	if (!vrrp_drain_may_rtnl(r)) {
		WRITE_ONCE(r->drain_until, 0);
		spin_unlock_bh(&r->lock);
		return false;
	}
	spin_unlock_bh(&r->lock);

	key = vrrp_drain_key(r->family, r->vrid);
	hash_for_each_possible(port->drains, old, drain_node, key) {
		if (old->family == r->family && old->vrid == r->vrid) {
			vrrp_drain_stop_rtnl(old);
			break;
		}
	}
	left = vrrp_drain_left(r);
	r->draining = true;
	refcount_inc(&r->refcnt);
	hash_add_rcu(port->drains, &r->drain_node, key);
	vrrp_pernet(dev_net(port->dev))->ndrains++;
	queue_delayed_work(vrrp_wq, &r->drain_work, left + 1);
	return true;
}

/**
 * vrrp_drain_flush_rtnl() - end every drain of a port now
 * @port: the port, its link down or its device going away
 *
 * Context: rtnl held.
 * Return: true if the port was released with them: it had no router.
 */
bool vrrp_drain_flush_rtnl(struct vrrp_port *port)
{
	struct hlist_node *tmp;
	struct vrrp_router *r;
	unsigned int bkt;

	ASSERT_RTNL();
	hash_for_each_safe(port->drains, bkt, tmp, r, drain_node)
		vrrp_drain_stop_rtnl(r);
	if (!list_empty(&port->list))
		return false;
	vrrp_port_release(port);
	return true;
}

/* The longest drain of a namespace, its routers' and its deleted ones'. */
static unsigned long vrrp_drain_left_rtnl(struct net *net)
{
	unsigned long left = 0;
	struct vrrp_router *r;
	struct vrrp_port *port;
	struct net_device *dev;
	unsigned int bkt;

	list_for_each_entry(r, &vrrp_pernet(net)->routers, net_node)
		left = max(left, vrrp_drain_left(r));
	if (!vrrp_pernet(net)->ndrains)
		return left;
	for_each_netdev(net, dev) {
		port = vrrp_port_lookup_rtnl(dev);
		if (!port)
			continue;
		hash_for_each(port->drains, bkt, r, drain_node)
			left = max(left, vrrp_drain_left(r));
	}
	return left;
}

/*
 * Every namespace's routers: stop them for good (@kill), and return the
 * longest drain left. rtnl before net_rwsem, as the core takes them.
 */
static unsigned long vrrp_drain_walk(bool kill)
{
	unsigned long left = 0;
	struct vrrp_router *r;
	struct net *net;

	rtnl_lock();
	down_read(&net_rwsem);
	for_each_net(net) {
		if (kill)
			list_for_each_entry(r, &vrrp_pernet(net)->routers,
					    net_node)
				vrrp_fsm_kill(r);
		left = max(left, vrrp_drain_left_rtnl(net));
	}
	up_read(&net_rwsem);
	rtnl_unlock();
	return left;
}

/**
 * vrrp_drain_unload() - make before break when the module unloads
 *
 * Every router stops for good, an Active one with priority 0 and a drain
 * in place, and the unload waits for every drain (deleted routers' too)
 * to end: one grace after the new Active router's advertisement, which
 * the receive path still hears, at the latest at its deadline. That is
 * the Active_Down_Interval of a priority-1 Backup, about 4 intervals
 * after the drain began (at the longest interval a little less than
 * 164 s in VRRPv3, 766 s in VRRPv2); no drain begins meanwhile, the
 * configuration being gone. A signal (Ctrl-C on rmmod) ends the wait.
 * Then the routers go as before, with the devices' replay.
 *
 * Context: process context, the module unloading, after
 * vrrp_netlink_exit() and before vrrp_rx_exit().
 */
void vrrp_drain_unload(void)
{
	unsigned long start = jiffies, left = vrrp_drain_walk(true);

	if (!left)
		return;
	pr_info("unloading when the planned handovers' drains end, in at most %u ms\n",
		jiffies_to_msecs(left));
	do {
		if (msleep_interruptible(min_t(unsigned int,
					       jiffies_to_msecs(left),
					       VRRP_DRAIN_POLL_MS)) ||
		    signal_pending(current)) {
			pr_warn("the wait for the drains was interrupted after %u ms\n",
				jiffies_to_msecs(jiffies - start));
			return;
		}
		left = vrrp_drain_walk(false);
	} while (left);
	pr_info("the drains ended after %u ms\n",
		jiffies_to_msecs(jiffies - start));
}
