// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual router lifetime: creation, change and deletion, the
 * per-namespace list, and what follows from the namespace going away.
 */
#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/net_namespace.h>

#include "vrrp.h"

unsigned int vrrp_net_id __read_mostly;

/*
 * A user namespace's root may create routers (GENL_UNS_ADMIN_PERM): each
 * costs kernel memory and a place in every per-namespace walk under rtnl,
 * so a namespace holds a bounded number. Read at each creation: lowering
 * it keeps the routers that exist.
 */
static unsigned int max_routers = 4096;
module_param(max_routers, uint, 0644);
MODULE_PARM_DESC(max_routers, "virtual routers per network namespace (default 4096)");

/**
 * vrrp_router_limit() - the most routers a namespace may hold
 *
 * Context: any.
 * Return: max_routers now.
 */
unsigned int vrrp_router_limit(void)
{
	return READ_ONCE(max_routers);
}

/**
 * vrrp_router_find() - the router of an interface, family and VRID
 * @dev: the interface
 * @family: enum vrrp_family
 * @vrid: the VRID
 *
 * Context: rtnl held.
 * Return: the router or NULL.
 */
struct vrrp_router *vrrp_router_find(struct net_device *dev, u8 family,
				     u8 vrid)
{
	struct vrrp_port *port = vrrp_port_lookup_rtnl(dev);

	return port ? rtnl_dereference(port->routers[vrrp_fam_idx(family)][vrid]) :
		      NULL;
}

/**
 * vrrp_router_create() - create a virtual router and start it
 * @dev: the interface, Ethernet
 * @family: enum vrrp_family
 * @vrid: the VRID, free on @dev for @family
 * @p: the configuration, validated by the caller
 * @addrs: the address lists, validated; owned by the router on success
 * @tracks: tracked objects, validated (copied), or NULL
 * @extack: for the reason of a failure
 *
 * Context: rtnl held.
 * Return: the router or an ERR_PTR().
 */
struct vrrp_router *vrrp_router_create(struct net_device *dev, u8 family,
				       u8 vrid, const struct vrrp_params *p,
				       struct vrrp_addrs *addrs,
				       struct vrrp_tracks *tracks,
				       struct netlink_ext_ack *extack)
{
	struct vrrp_net *vn = vrrp_pernet(dev_net(dev));
	struct vrrp_port *port;
	struct vrrp_router *r;
	unsigned int limit;
	int err;

	ASSERT_RTNL();
	limit = vrrp_router_limit();
	if (vn->nrouters >= limit) {
		vrrp_err_msg_fmt(extack,
				 "too many virtual routers in this namespace (see max_routers)",
				 "too many virtual routers in this namespace (limit %u)",
				 limit);
		return ERR_PTR(-ENOSPC);
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return ERR_PTR(-ENOMEM);

	port = vrrp_port_get(dev, family, extack);
	if (IS_ERR(port)) {
		kfree(r);
		return ERR_CAST(port);
	}

	r->port = port;
	r->family = family;
	r->vrid = vrid;
	r->p = *p;
	r->stats.discontinuity_time = ktime_to_ms(ktime_get_boottime());
	RCU_INIT_POINTER(r->addrs, addrs);
	refcount_set(&r->refcnt, 1);
	vrrp_vmac_init_router(r);
	err = vrrp_vmac_install(r, extack);
	if (err) {
		if (vrrp_port_unused(port))
			vrrp_port_release(port);
		kfree(r);
		return ERR_PTR(err);
	}
	vrrp_fsm_init(r);
	vrrp_drain_init(r);
	vrrp_track_init(r, tracks);

	list_add_tail_rcu(&r->port_node, &port->list);
	list_add_tail_rcu(&r->net_node, &vn->routers);
	vn->nrouters++;
	vrrp_group_index(r);
	vrrp_port_index(r, addrs);
	rcu_assign_pointer(port->routers[vrrp_fam_idx(family)][vrid], r);

	vrrp_nl_notify(r, VRRP_CMD_CHANGE_NTF, GFP_KERNEL);
	/* Penalty and fault first: they decide how it starts. */
	vrrp_track_update_router(r);
	if (vrrp_link_ok(dev))
		vrrp_fsm_startup(r);
	return r;
}

/**
 * vrrp_router_change() - apply a new configuration to a running router
 * @r: the router
 * @p: the new configuration
 * @addrs: new address lists (owned by the router from now), or NULL to
 *	keep the current ones
 * @tracks: new tracked objects (consumed), or NULL to keep the current
 *	ones
 *
 * A version change restarts the router; anything else is applied in
 * place (vrrp_fsm_changed()).
 *
 * Context: rtnl held.
 */
void vrrp_router_change(struct vrrp_router *r, const struct vrrp_params *p,
			struct vrrp_addrs *addrs, struct vrrp_tracks *tracks)
{
	bool restart, ra_was, ra_changed, regroup;
	struct vrrp_addrs *old = NULL;

	ASSERT_RTNL();
	restart = p->version != r->p.version;
	ra_was = r->p.ra.on;
	ra_changed = memcmp(&r->p.ra, &p->ra, sizeof(p->ra));
	if (restart)
		vrrp_fsm_shutdown(r, VRRP_STOP_ANNOUNCE, VRRP_REASON_CONFIG);

	if (tracks)
		vrrp_track_replace(r, tracks, NULL);
	regroup = strncmp(r->p.group, p->group, VRRP_NAMSIZ);
	if (regroup && hash_hashed(&r->group_node)) {
		vrrp_group_unindex(r);
		/* See vrrp_group_unindex(); leaving a group needs none. */
		if (p->group[0])
			synchronize_net();
	}
	spin_lock_bh(&r->lock);
	/* A reconfigured router may preempt again (see group_held). */
	WRITE_ONCE(r->group_held, false);
	r->p = *p;
	if (addrs) {
		old = rtnl_dereference(r->addrs);
		rcu_assign_pointer(r->addrs, addrs);
		vrrp_port_index(r, addrs);
		vrrp_port_unindex(old);
	}
	spin_unlock_bh(&r->lock);
	if (regroup)
		vrrp_group_index(r);
	if (old) {
		vrrp_port_snm_replace(r, old, addrs);
		kfree_rcu(old, rcu);
	}

	if (restart) {
		if (vrrp_link_ok(vrrp_dev(r)))
			vrrp_fsm_startup(r);
	} else {
		vrrp_fsm_changed(r, addrs);
		vrrp_fsm_ra_changed(r, ra_was, ra_changed);
	}
	vrrp_track_update(dev_net(vrrp_dev(r)));
	vrrp_nl_notify(r, VRRP_CMD_CHANGE_NTF, GFP_KERNEL);
}

/**
 * vrrp_router_reset_stats() - zero the counters of a router
 * @r: the router
 *
 * Context: any but hard interrupt.
 */
void vrrp_router_reset_stats(struct vrrp_router *r)
{
	spin_lock_bh(&r->lock);
	memset(&r->stats, 0, sizeof(r->stats));
	r->stats.discontinuity_time = ktime_to_ms(ktime_get_boottime());
	spin_unlock_bh(&r->lock);
}

static void vrrp_router_free_rcu(struct rcu_head *head)
{
	struct vrrp_router *r = container_of(head, struct vrrp_router, rcu);

	kfree(rcu_dereference_protected(r->addrs, true));
	kfree(r->accept_installed);
	kfree(r);
}

/**
 * vrrp_router_put() - drop a reference to a router
 * @r: the router
 *
 * The last one frees the router and its address lists after a grace
 * period: the receive path and the hooks may still be reading them.
 *
 * Context: any.
 */
void vrrp_router_put(struct vrrp_router *r)
{
	if (!refcount_dec_and_test(&r->refcnt))
		return;
	if (r->sync_net)
		put_net(r->sync_net);
	call_rcu(&r->rcu, vrrp_router_free_rcu);
}

/**
 * vrrp_router_delete() - stop a router, announce it, and free it
 * @r: the router
 *
 * An Active router sends a priority-0 advertisement first, and may keep
 * forwarding for a while (drain.c). The vMAC filter, the hooks and the
 * multicast membership go with the last router of the interface;
 * Accept_Mode addresses are removed by the sync work.
 *
 * Context: rtnl held.
 */
void vrrp_router_delete(struct vrrp_router *r)
{
	struct vrrp_port *port = r->port;
	bool drain;

	ASSERT_RTNL();
	/* The state event of the goodbye first, the deletion last. */
	vrrp_fsm_kill(r);
	/* Make before break: an Active router that announced its exit
	 * keeps forwarding for its vMAC until its Backup is heard; on the
	 * drain list before it leaves the port's routers, so that no frame
	 * finds neither.
	 */
	drain = vrrp_drain_keep_rtnl(r);
	RCU_INIT_POINTER(port->routers[vrrp_fam_idx(r->family)][r->vrid], NULL);
	list_del_rcu(&r->port_node);
	list_del_rcu(&r->net_node);
	vrrp_pernet(dev_net(port->dev))->nrouters--;
	vrrp_group_unindex(r);

	/* After the goodbye: it was not sent from a virtual address. */
	vrrp_port_unindex(rtnl_dereference(r->addrs));
	vrrp_port_snm_leave(r, rtnl_dereference(r->addrs));
	vrrp_track_stop(r);
	vrrp_nl_notify(r, VRRP_CMD_DEL_NTF, GFP_KERNEL);
	/* Its penalties and faults no longer weigh on its sync group. */
	if (r->p.group[0])
		vrrp_track_update(dev_net(port->dev));
	if (!drain)
		vrrp_vmac_uninstall(r);
	/* The sync work removes Accept_Mode addresses without rtnl; those
	 * of a device being unregistered are gone with it, and its index
	 * may soon name another device.
	 */
	r->deleted = true;
	if (!port->gone) {
		r->sync_net = maybe_get_net(dev_net(port->dev));
		r->sync_ifindex = port->dev->ifindex;
	}
	vrrp_sync_schedule(r);

	if (vrrp_port_unused(port))
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

static int __net_init vrrp_net_init(struct net *net)
{
	struct vrrp_net *vn = vrrp_pernet(net);

	INIT_LIST_HEAD(&vn->routers);
	hash_init(vn->groups);
	atomic64_set(&vn->vrid_errors, 0);
	atomic64_set(&vn->length_errors, 0);
	return 0;
}

static void __net_exit vrrp_net_exit(struct net *net)
{
	rtnl_lock();
	vrrp_net_flush(net);
	rtnl_unlock();
#if !VRRP_NF_EGRESS
	/* Its devices, and so its ports, went first. */
	WARN_ON_ONCE(vrrp_pernet(net)->nports);
#endif
}

static struct pernet_operations vrrp_net_ops = {
	.init	= vrrp_net_init,
	.exit	= vrrp_net_exit,
	.id	= &vrrp_net_id,
	.size	= sizeof(struct vrrp_net),
};

/**
 * vrrp_router_init() - register the per-namespace data
 *
 * Return: 0 or a negative errno.
 */
int vrrp_router_init(void)
{
	return register_pernet_subsys(&vrrp_net_ops);
}

/**
 * vrrp_router_exit() - delete every router left and unregister
 *
 * After vrrp_notify_exit(), whose replay of NETDEV_UNREGISTER deleted the
 * routers of every device: the pernet exit deletes whatever is left and
 * frees the per-namespace data.
 */
void vrrp_router_exit(void)
{
	unregister_pernet_subsys(&vrrp_net_ops);
}
