// SPDX-License-Identifier: GPL-2.0
/*
 * Make before break. A router that leaves Active on a planned handover
 * (deleted, a fault of its tracking, a restart, its sync group) sends
 * priority 0, and its Backup takes over Skew_Time later. Until the new
 * Active router's gratuitous ARP moves the virtual MAC in the switches,
 * the LAN still sends frames for it to the old router: dropping them
 * loses Skew_Time of traffic. The old router forwards them instead, as
 * keepalived's does (on its real MAC, which the hosts never learnt),
 * until it hears the new Active router's advertisement, or at most the
 * Active_Down_Interval of the slowest Backup. It does not answer ARP or
 * ND meanwhile, accepts nothing for the virtual addresses, and sends no
 * advertisement.
 *
 * A router that stays drains in place (vrrp_router.drain_until). A
 * deleted one is kept on its port's drain list with its vMAC filter: the
 * ingress hook and the receive path find it there by VRID once no router
 * of that VRID is Active, and a work item lets it go at the deadline.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>

#include "vrrp.h"

/**
 * vrrp_drain_us() - the longest a router may drain
 * @r: the router
 *
 * Active_Down_Interval of a priority-1 Backup of this router, whose
 * Skew_Time is the longest: by then a Backup is Active, or none is left.
 *
 * Return: microseconds.
 */
u32 vrrp_drain_us(const struct vrrp_router *r)
{
	return vrrp_active_down_us(r->p.version, 1, r->p.interval_cs);
}

/**
 * vrrp_drain_find_rcu() - a deleted router of a port still draining
 * @port: the port
 * @family: enum vrrp_family
 * @vrid: the VRID
 *
 * Context: RCU read lock held.
 * Return: the router, or NULL.
 */
struct vrrp_router *vrrp_drain_find_rcu(struct vrrp_port *port, u8 family,
					u8 vrid)
{
	struct vrrp_router *r;

	list_for_each_entry_rcu(r, &port->drains, drain_node) {
		if (r->family == family && r->vrid == vrid &&
		    vrrp_is_draining(r))
			return r;
	}
	return NULL;
}

/* Take a deleted router off its port's drain list, with its vMAC filter. */
static void vrrp_drain_end_rtnl(struct vrrp_router *r)
{
	ASSERT_RTNL();
	r->draining = false;
	WRITE_ONCE(r->drain_until, 0);
	list_del_rcu(&r->drain_node);
	vrrp_vmac_uninstall(r);
}

/* End a drain before its time; the port stays. */
static void vrrp_drain_stop_rtnl(struct vrrp_router *r)
{
	vrrp_drain_end_rtnl(r);
	/* Else it runs, finds the drain over, and drops its reference. */
	if (cancel_delayed_work(&r->drain_work))
		vrrp_router_put(r);
}

static void vrrp_drain_work(struct work_struct *work)
{
	struct vrrp_router *r = container_of(to_delayed_work(work),
					     struct vrrp_router, drain_work);
	struct vrrp_port *port = r->port;

	rtnl_lock();
	if (r->draining) {
		vrrp_drain_end_rtnl(r);
		if (list_empty(&port->list) && list_empty(&port->drains))
			vrrp_port_release(port);
	}
	rtnl_unlock();
	vrrp_router_put(r);
}

/**
 * vrrp_drain_init() - prepare the drain of a new router
 * @r: the router, not yet visible
 */
void vrrp_drain_init(struct vrrp_router *r)
{
	INIT_LIST_HEAD(&r->drain_node);
	INIT_DELAYED_WORK(&r->drain_work, vrrp_drain_work);
}

/**
 * vrrp_drain_keep_rtnl() - keep a router being deleted while it drains
 * @r: the router, stopped, still among its port's routers
 *
 * A router that announced its exit from Active keeps forwarding for its
 * vMAC, on its port's drain list, until a deadline. Not when the device
 * is going away, the namespace is dismantled or the module unloads: what
 * the router forwarded to has gone, or goes with it.
 *
 * Context: rtnl held.
 * Return: true if it drains (the vMAC filter stays until it ends).
 */
bool vrrp_drain_keep_rtnl(struct vrrp_router *r)
{
	struct net_device *dev = vrrp_dev(r);
	struct vrrp_router *old;
	ktime_t until = READ_ONCE(r->drain_until);
	s64 left_us;

	ASSERT_RTNL();
	if (!vrrp_is_draining(r) || r->port->gone ||
	    !check_net(dev_net(dev)) || !vrrp_link_ok(dev)) {
		WRITE_ONCE(r->drain_until, 0);
		return false;
	}
	/* One drain per VRID and family: what a user can pile up is
	 * bounded by the port's VRIDs, however fast routers come and go.
	 */
	list_for_each_entry(old, &r->port->drains, drain_node) {
		if (old->family == r->family && old->vrid == r->vrid) {
			vrrp_drain_stop_rtnl(old);
			break;
		}
	}
	left_us = ktime_us_delta(until, ktime_get());
	r->draining = true;
	refcount_inc(&r->refcnt);
	list_add_tail_rcu(&r->drain_node, &r->port->drains);
	queue_delayed_work(vrrp_wq, &r->drain_work,
			   usecs_to_jiffies(max_t(s64, left_us, 0)) + 1);
	return true;
}

/**
 * vrrp_drain_flush_rtnl() - end every drain of a port now
 * @port: the port, its device going away (or the module)
 *
 * Context: rtnl held.
 * Return: true if the port was released with them: it had no router.
 */
bool vrrp_drain_flush_rtnl(struct vrrp_port *port)
{
	struct vrrp_router *r, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(r, tmp, &port->drains, drain_node)
		vrrp_drain_stop_rtnl(r);
	if (!list_empty(&port->list))
		return false;
	vrrp_port_release(port);
	return true;
}
