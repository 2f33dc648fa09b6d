// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual router lifetime: creation and deletion, the per-namespace list,
 * and what follows from the interface underneath (link up and down,
 * unregistration) and from the namespace going away.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "vrrp.h"

unsigned int vrrp_net_id __read_mostly;

/**
 * vrrp_router_find() - the router of an interface and VRID
 * @dev: the interface
 * @vrid: the VRID
 *
 * Context: rtnl held.
 * Return: the router or NULL.
 */
struct vrrp_router *vrrp_router_find(struct net_device *dev, u8 vrid)
{
	struct vrrp_port *port = vrrp_port_lookup_rcu(dev);

	return port ? rtnl_dereference(port->v4[vrid]) : NULL;
}

static bool vrrp_link_ok(const struct net_device *dev)
{
	return netif_running(dev) && netif_carrier_ok(dev);
}

/**
 * vrrp_router_create() - create a virtual router and start it
 * @dev: the interface, Ethernet with IPv4
 * @vrid: the VRID, free on @dev
 * @priority: 1-255
 * @interval_cs: Advertisement_Interval in centiseconds, 1-4095
 * @preempt: Preempt_Mode
 * @vips: the virtual addresses, validated by the caller
 * @nvips: how many, 1 to VRRP_VIPS_MAX
 * @extack: for the reason of a failure
 *
 * Context: rtnl held.
 * Return: the router or an ERR_PTR().
 */
struct vrrp_router *vrrp_router_create(struct net_device *dev, u8 vrid,
				       u8 priority, u16 interval_cs,
				       bool preempt,
				       const struct vrrp_vip *vips,
				       unsigned int nvips,
				       struct netlink_ext_ack *extack)
{
	struct vrrp_net *vn = vrrp_pernet(dev_net(dev));
	struct vrrp_port *port;
	struct vrrp_router *r;

	ASSERT_RTNL();
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return ERR_PTR(-ENOMEM);

	port = vrrp_port_get(dev, extack);
	if (IS_ERR(port)) {
		kfree(r);
		return ERR_CAST(port);
	}

	r->port = port;
	r->vrid = vrid;
	r->priority = priority;
	r->interval_cs = interval_cs;
	r->preempt = preempt;
	r->nvips = nvips;
	memcpy(r->vips, vips, nvips * sizeof(*vips));
	refcount_set(&r->refcnt, 1);
	vrrp_vmac_init_router(r);
	vrrp_fsm_init(r);

	list_add_tail_rcu(&r->port_node, &port->routers);
	list_add_tail_rcu(&r->net_node, &vn->routers);
	rcu_assign_pointer(port->v4[vrid], r);

	if (vrrp_link_ok(dev))
		vrrp_fsm_startup(r);
	return r;
}

/**
 * vrrp_router_put() - drop a reference to a router
 * @r: the router
 *
 * Context: any.
 */
void vrrp_router_put(struct vrrp_router *r)
{
	if (refcount_dec_and_test(&r->refcnt))
		kfree_rcu(r, rcu);
}

/**
 * vrrp_router_delete() - stop a router, announce it, and free it
 * @r: the router
 *
 * An Active router sends a priority-0 advertisement first. The vMAC
 * filter, the ingress hook and the multicast membership go with the last
 * router of the interface.
 *
 * Context: rtnl held.
 */
void vrrp_router_delete(struct vrrp_router *r)
{
	struct vrrp_port *port = r->port;

	ASSERT_RTNL();
	RCU_INIT_POINTER(port->v4[r->vrid], NULL);
	list_del_rcu(&r->port_node);
	list_del_rcu(&r->net_node);

	vrrp_fsm_kill(r);
	vrrp_vmac_sync(r);

	if (list_empty(&port->routers))
		vrrp_port_release(port);
	vrrp_router_put(r);
}

/**
 * vrrp_net_flush() - delete every router of a namespace
 * @net: the namespace
 *
 * Context: rtnl held.
 */
void vrrp_net_flush(struct net *net)
{
	struct vrrp_net *vn = vrrp_pernet(net);
	struct vrrp_router *r, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(r, tmp, &vn->routers, net_node)
		vrrp_router_delete(r);
}

static int vrrp_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vrrp_router *r, *tmp;
	struct vrrp_port *port;

	port = vrrp_port_lookup_rcu(dev);
	if (!port)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_GOING_DOWN:
		/* Planned: the link still works for a priority-0 goodbye. */
		list_for_each_entry(r, &port->routers, port_node)
			vrrp_fsm_shutdown(r, VRRP_STOP_DIRECT);
		break;
	case NETDEV_UP:
	case NETDEV_CHANGE:
		list_for_each_entry(r, &port->routers, port_node) {
			if (vrrp_link_ok(dev))
				vrrp_fsm_startup(r);
			else
				vrrp_fsm_shutdown(r, VRRP_STOP_SILENT);
		}
		break;
	case NETDEV_UNREGISTER:
		/* Also seen when the device moves to another namespace. */
		list_for_each_entry_safe(r, tmp, &port->routers, port_node)
			vrrp_router_delete(r);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vrrp_netdev_notifier = {
	.notifier_call = vrrp_netdev_event,
};

static int __net_init vrrp_net_init(struct net *net)
{
	struct vrrp_net *vn = vrrp_pernet(net);

	INIT_LIST_HEAD(&vn->routers);
	atomic64_set(&vn->vrid_errors, 0);
	atomic64_set(&vn->length_errors, 0);
	return 0;
}

static void __net_exit vrrp_net_exit(struct net *net)
{
	rtnl_lock();
	vrrp_net_flush(net);
	rtnl_unlock();
}

static struct pernet_operations vrrp_net_ops = {
	.init	= vrrp_net_init,
	.exit	= vrrp_net_exit,
	.id	= &vrrp_net_id,
	.size	= sizeof(struct vrrp_net),
};

/**
 * vrrp_router_init() - register the per-namespace data and the notifier
 *
 * Return: 0 or a negative errno.
 */
int vrrp_router_init(void)
{
	int err;

	err = register_pernet_subsys(&vrrp_net_ops);
	if (err)
		return err;
	err = register_netdevice_notifier(&vrrp_netdev_notifier);
	if (err)
		goto err_notifier;
	return 0;

err_notifier:
	unregister_pernet_subsys(&vrrp_net_ops);
	return err;
}

/**
 * vrrp_router_exit() - delete every router and unregister
 *
 * Routers in every namespace are deleted (with their priority-0
 * goodbye) by the pernet exit.
 */
void vrrp_router_exit(void)
{
	unregister_pernet_subsys(&vrrp_net_ops);
	unregister_netdevice_notifier(&vrrp_netdev_notifier);
}
