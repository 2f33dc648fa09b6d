// SPDX-License-Identifier: GPL-2.0
/*
 * Ports, the VRRP side of a net_device: the registry of ports by device,
 * the index of the virtual addresses of a port's routers (what ARP/ND
 * answers for), and the multicast memberships on the device: 224.0.0.18,
 * ff02::12 and the solicited-node groups of IPv6 virtual addresses.
 */
#include <linux/hashtable.h>
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/netfilter.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ip.h>

#include "vrrp.h"

/*
 * The netdev hook priority: after the default filter priority (0) so that
 * an administrator's nftables netdev chains see frames first.
 */
#define VRRP_HOOK_PRIORITY	100

#if !VRRP_NF_EGRESS
/* A namespace's ARP and IPv6 output hooks, shared by its ports (compat.h). */
static const struct nf_hook_ops vrrp_output_ops[] = {
	{
		.hook		= vrrp_output,
		.pf		= NFPROTO_ARP,
		.hooknum	= NF_ARP_OUT,
		.priority	= VRRP_HOOK_PRIORITY,
	},
	{
		.hook		= vrrp_output,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_POST_ROUTING,
		.priority	= VRRP_HOOK_PRIORITY,
	},
};

/**
 * vrrp_output_get() - hook a namespace's output for a new port
 * @net: the port's namespace
 *
 * The first port of @net registers the output hooks (compat.h).
 *
 * Context: rtnl held.
 * Return: 0 or a negative errno.
 */
int vrrp_output_get(struct net *net)
{
	struct vrrp_net *vn = vrrp_pernet(net);
	int err;

	ASSERT_RTNL();
	if (vn->nports++)
		return 0;
	err = nf_register_net_hooks(net, vrrp_output_ops,
				    ARRAY_SIZE(vrrp_output_ops));
	if (err)
		vn->nports--;
	return err;
}

/**
 * vrrp_output_put() - undo vrrp_output_get() for a port released
 * @net: the port's namespace
 *
 * Context: rtnl held.
 */
void vrrp_output_put(struct net *net)
{
	struct vrrp_net *vn = vrrp_pernet(net);

	ASSERT_RTNL();
	if (!--vn->nports)
		nf_unregister_net_hooks(net, vrrp_output_ops,
					ARRAY_SIZE(vrrp_output_ops));
}
#endif

/* Every port, keyed by its net_device; rtnl writes, RCU readers. */
static DEFINE_HASHTABLE(vrrp_ports, 8);

/**
 * vrrp_port_lookup_rcu() - the port of a device, on the receive path
 * @dev: the device
 *
 * Context: RCU read lock held.
 * Return: the port, or NULL if no virtual router runs on @dev.
 */
struct vrrp_port *vrrp_port_lookup_rcu(const struct net_device *dev)
{
	struct vrrp_port *port;

	hash_for_each_possible_rcu(vrrp_ports, port, hnode, (unsigned long)dev)
		if (port->dev == dev)
			return port;
	return NULL;
}

/**
 * vrrp_port_lookup_rtnl() - the port of a device, in configuration
 * @dev: the device
 *
 * Context: rtnl held.
 * Return: the port, or NULL if no virtual router runs on @dev.
 */
struct vrrp_port *vrrp_port_lookup_rtnl(const struct net_device *dev)
{
	struct vrrp_port *port;

	hash_for_each_possible_rcu(vrrp_ports, port, hnode, (unsigned long)dev,
				   lockdep_rtnl_is_held())
		if (port->dev == dev)
			return port;
	return NULL;
}

static bool vrrp_ip_equal(u8 family, const union vrrp_ip *a,
			  const union vrrp_ip *b)
{
	return family == VRRP_FAMILY_INET6 ? ipv6_addr_equal(&a->v6, &b->v6) :
					     a->v4 == b->v4;
}

/**
 * vrrp_vip_match() - is @addr one of the virtual addresses in @a?
 * @a: an address list, or NULL
 * @family: its family
 * @addr: the address
 *
 * Return: true when it is.
 */
bool vrrp_vip_match(const struct vrrp_addrs *a, u8 family,
		    const union vrrp_ip *addr)
{
	unsigned int i;

	if (!a)
		return false;
	for (i = 0; i < a->nvips; i++) {
		if (vrrp_ip_equal(family, &a->vips[i].addr, addr))
			return true;
	}
	return false;
}

static u32 vrrp_vip_hash(u8 family, const union vrrp_ip *addr)
{
	if (family == VRRP_FAMILY_INET6)
		return jhash2((__force const u32 *)addr->v6.s6_addr32, 4, family);
	return jhash_1word((__force u32)addr->v4, family);
}

static struct vrrp_router *vrrp_port_vip_find(struct vrrp_port *port,
					      u8 family,
					      const union vrrp_ip *addr)
{
	struct vrrp_vip *vip;

	hash_for_each_possible_rcu(port->vips, vip, hnode,
				   vrrp_vip_hash(family, addr),
				   lockdep_rtnl_is_held()) {
		if (vip->router->family == family &&
		    vrrp_ip_equal(family, &vip->addr, addr))
			return vip->router;
	}
	return NULL;
}

/**
 * vrrp_port_vip_owner_rcu() - the router of a port with a virtual address
 * @port: the port
 * @family: the address family
 * @addr: the address
 *
 * What the ARP/ND hooks answer for, and what keeps advertisements from
 * being sent from a virtual address (tx.c): one lookup per packet.
 *
 * Context: RCU read lock held.
 * Return: the router, or NULL if no router of @port has @addr.
 */
struct vrrp_router *vrrp_port_vip_owner_rcu(struct vrrp_port *port,
					    u8 family,
					    const union vrrp_ip *addr)
{
	RCU_LOCKDEP_WARN(!rcu_read_lock_any_held(),
			 "vrrp: VIP lookup outside RCU");
	return vrrp_port_vip_find(port, family, addr);
}

/**
 * vrrp_port_vip_owner_rtnl() - the same, for configuration
 * @port: the port
 * @family: the address family
 * @addr: the address
 *
 * What keeps one virtual address to one router of an interface.
 *
 * Context: rtnl held.
 * Return: the router, or NULL if no router of @port has @addr.
 */
struct vrrp_router *vrrp_port_vip_owner_rtnl(struct vrrp_port *port,
					     u8 family,
					     const union vrrp_ip *addr)
{
	ASSERT_RTNL();
	return vrrp_port_vip_find(port, family, addr);
}

/**
 * vrrp_port_index() - enter the virtual addresses of a router in its
 *	port's index
 * @r: the router
 * @a: its address list, being published in @r->addrs
 *
 * Context: rtnl held.
 */
void vrrp_port_index(struct vrrp_router *r, struct vrrp_addrs *a)
{
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; i < a->nvips; i++) {
		a->vips[i].router = r;
		hash_add_rcu(r->port->vips, &a->vips[i].hnode,
			     vrrp_vip_hash(r->family, &a->vips[i].addr));
	}
}

/**
 * vrrp_port_unindex() - remove the virtual addresses of a list from its
 *	port's index
 * @a: an address list entered by vrrp_port_index(); it may be freed
 *	after an RCU grace period
 *
 * Context: rtnl held.
 */
void vrrp_port_unindex(struct vrrp_addrs *a)
{
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; i < a->nvips; i++)
		hash_del_rcu(&a->vips[i].hnode);
}

/* Join or leave the solicited-node group of one virtual address. */
static void vrrp_snm_set(struct net_device *dev, struct vrrp_vip *vip,
			 bool join)
{
	struct in6_addr group;

	if (vip->snm == join)
		return;
	vip->snm = false;
	/* Gone, with every membership, while IPv6 is off on the device. */
	if (!__in6_dev_get(dev))
		return;
	addrconf_addr_solict_mult(&vip->addr.v6, &group);
	if (join)
		vip->snm = !ipv6_dev_mc_inc(dev, &group);
	else
		ipv6_dev_mc_dec(dev, &group);
}

/**
 * vrrp_port_snm_sync() - have the solicited-node groups of a router's IPv6
 *	virtual addresses follow its state
 * @r: the router
 * @a: its address list (current, or being published in @r->addrs)
 *
 * RFC 9568 6.4: an Active router joins the solicited-node groups of its
 * virtual addresses and leaves them when it stops being Active. Without
 * the join a NIC's multicast filter or an MLD-snooping switch drops a
 * host's Neighbor Solicitation for a virtual address. A Backup does not
 * answer those, so it leaves: the switch then sends them to the Active
 * router alone. Every state change to or from Active schedules the sync
 * work, which calls this under rtnl, so the memberships follow a state
 * read here without the router's lock. Nothing for IPv4 (ARP is
 * broadcast).
 *
 * Context: rtnl held.
 */
void vrrp_port_snm_sync(struct vrrp_router *r, struct vrrp_addrs *a)
{
	bool join = !r->dead && vrrp_is_active(r);
	unsigned int i;

	ASSERT_RTNL();
	if (!vrrp_is_v6(r))
		return;
	for (i = 0; i < a->nvips; i++)
		vrrp_snm_set(vrrp_dev(r), &a->vips[i], join);
}

/**
 * vrrp_port_snm_leave() - leave every solicited-node group of an
 *	address list
 * @r: the router
 * @a: an address list of @r passed to vrrp_port_snm_sync()
 *
 * Only the groups joined are left: the kernel counts the users of a
 * group, and an address of the device may share it.
 *
 * Context: rtnl held.
 */
void vrrp_port_snm_leave(struct vrrp_router *r, struct vrrp_addrs *a)
{
	unsigned int i;

	ASSERT_RTNL();
	if (!vrrp_is_v6(r))
		return;
	for (i = 0; i < a->nvips; i++)
		vrrp_snm_set(vrrp_dev(r), &a->vips[i], false);
}

/**
 * vrrp_port_snm_replace() - move the memberships to a new address list
 * @r: the router
 * @old: the address list it had
 * @a: the one it has now
 *
 * The new list joins first, so that the groups both lists share stay
 * joined; its marks are cleared first, as a list copied from the old one
 * carries them.
 *
 * Context: rtnl held.
 */
void vrrp_port_snm_replace(struct vrrp_router *r, struct vrrp_addrs *old,
			   struct vrrp_addrs *a)
{
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; i < a->nvips; i++)
		a->vips[i].snm = false;
	vrrp_port_snm_sync(r, a);
	vrrp_port_snm_leave(r, old);
}

/*
 * A router that has not joined its group hears no advertisement and would
 * become Active beside the real one: vrrp_port_get() refuses to create it.
 */
static int vrrp_port_join(struct vrrp_port *port, u8 family,
			  struct netlink_ext_ack *extack)
{
	struct in_device *in_dev = __in_dev_get_rtnl(port->dev);
	struct in6_addr group;
	int err = 0;

	if (family == VRRP_FAMILY_INET && !port->mc4) {
		if (!in_dev) {
			NL_SET_ERR_MSG(extack,
				       "cannot join 224.0.0.18 on the interface");
			return -EADDRNOTAVAIL;
		}
		/* void: the kernel reports no failure to join */
		ip_mc_inc_group(in_dev, VRRP_MCAST_GROUP4);
		port->mc4 = true;
	} else if (family == VRRP_FAMILY_INET6 && !port->mc6) {
		vrrp_mcast_group6(&group);
		err = ipv6_dev_mc_inc(port->dev, &group);
		port->mc6 = !err;
		if (err)
			NL_SET_ERR_MSG(extack,
				       "cannot join ff02::12 on the interface");
	}
	return err;
}

/**
 * vrrp_port_mtu_changed() - keep the VRRP groups joined across MTU changes
 * @port: the port of a device whose MTU changed
 *
 * Below its minimum MTU (IPv4 68, IPv6 1280) a family is disabled on the
 * device: its inet(6)_dev goes, with every membership. Above it again the
 * family comes back with a new one (the IPv4/IPv6 notifiers run before
 * ours), where the group must be joined again.
 *
 * Context: rtnl held.
 */
void vrrp_port_mtu_changed(struct vrrp_port *port)
{
	struct net_device *dev = port->dev;
	struct vrrp_addrs *a;
	struct vrrp_router *r;
	unsigned int i;

	ASSERT_RTNL();
	if (dev->mtu < IPV4_MIN_MTU)
		port->mc4 = false;
	if (dev->mtu < IPV6_MIN_MTU)
		port->mc6 = false;
	list_for_each_entry(r, &port->list, port_node) {
		if (vrrp_is_v6(r) ? !port->mc6 && dev->mtu >= IPV6_MIN_MTU :
				    !port->mc4 && dev->mtu >= IPV4_MIN_MTU)
			vrrp_port_join(port, r->family, NULL);
		if (!vrrp_is_v6(r))
			continue;
		a = rtnl_dereference(r->addrs);
		for (i = 0; i < a->nvips; i++) {
			if (dev->mtu < IPV6_MIN_MTU)
				a->vips[i].snm = false;
		}
		vrrp_port_snm_sync(r, a);
	}
}

/*
 * A bridge port's or a bond or team member's frames go to its master's
 * rx_handler: the IP layer never sees the advertisements on the member,
 * and the virtual router belongs on the master. A VRF (an L3 master) hands
 * the frames on to IP and is fine. rtnl held.
 */
static bool vrrp_port_enslaved(struct net_device *dev,
			       struct netlink_ext_ack *extack)
{
	struct net_device *master = netdev_master_upper_dev_get(dev);

	if (!master || netif_is_l3_master(master))
		return false;
	if (netif_is_bridge_master(master))
		NL_SET_ERR_MSG(extack,
			       "interface is a bridge port: run the virtual router on the bridge");
	else if (netif_is_lag_master(master))
		NL_SET_ERR_MSG(extack,
			       "interface is a bond or team port: run the virtual router on the master");
	else
		NL_SET_ERR_MSG(extack,
			       "interface has a master device: run the virtual router on the master");
	return true;
}

/**
 * vrrp_port_get() - find or create the port of a device
 * @dev: an Ethernet device configured for @family
 * @family: the family of the router to come
 * @extack: for the reason of a failure
 *
 * A new port hooks netdev ingress and egress on @dev; the port joins
 * 224.0.0.18 or ff02::12 there.
 *
 * Context: rtnl held.
 * Return: the port or an ERR_PTR().
 */
struct vrrp_port *vrrp_port_get(struct net_device *dev, u8 family,
				struct netlink_ext_ack *extack)
{
	struct vrrp_port *port;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	if (family == VRRP_FAMILY_INET && !__in_dev_get_rtnl(dev)) {
		NL_SET_ERR_MSG(extack, "interface has no IPv4 configuration");
		return ERR_PTR(-EADDRNOTAVAIL);
	}
	if (family == VRRP_FAMILY_INET6 && !__in6_dev_get(dev)) {
		NL_SET_ERR_MSG(extack, "interface has no IPv6 configuration");
		return ERR_PTR(-EADDRNOTAVAIL);
	}
	if (vrrp_port_enslaved(dev, extack))
		return ERR_PTR(-EBUSY);

	port = vrrp_port_lookup_rtnl(dev);
	if (port) {
		err = vrrp_port_join(port, family, extack);
		return err ? ERR_PTR(err) : port;
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL_ACCOUNT);
	if (!port)
		return ERR_PTR(-ENOMEM);
	port->dev = dev;
	INIT_LIST_HEAD(&port->list);
	hash_init(port->drains);
	hash_init(port->vips);
	hash_init(port->macs);
	port->hooks[0].hook = vrrp_ingress;
	port->hooks[0].pf = NFPROTO_NETDEV;
	port->hooks[0].hooknum = NF_NETDEV_INGRESS;
	port->hooks[0].dev = dev;
	/* netdev egress, if the kernel has it (compat.h) */
	vrrp_output_hooks(port->hooks, dev);
	for (i = 0; i < ARRAY_SIZE(port->hooks); i++) {
		port->hooks[i].priority = VRRP_HOOK_PRIORITY;
		port->hooks[i].priv = port;
	}

	err = nf_register_net_hooks(dev_net(dev), port->hooks,
				    ARRAY_SIZE(port->hooks));
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot hook the interface");
		kfree(port);
		return ERR_PTR(err);
	}
	err = vrrp_output_get(dev_net(dev));
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot hook the interface's namespace");
		goto err_hooks;
	}
	err = vrrp_port_join(port, family, extack);
	if (err)
		goto err_output;
	netdev_hold(dev, &port->dev_tracker, GFP_KERNEL);
	hash_add_rcu(vrrp_ports, &port->hnode, (unsigned long)dev);
	return port;

err_output:
	vrrp_output_put(dev_net(dev));
err_hooks:
	nf_unregister_net_hooks(dev_net(dev), port->hooks,
				ARRAY_SIZE(port->hooks));
	/* The hooks may still be running on another CPU. */
	kfree_rcu(port, rcu);
	return ERR_PTR(err);
}

/**
 * vrrp_port_release() - undo vrrp_port_get() once the last router is gone
 * @port: the port, with no routers left
 *
 * Context: rtnl held.
 */
void vrrp_port_release(struct vrrp_port *port)
{
	struct net_device *dev = port->dev;
	struct in6_addr group;
	struct in_device *in_dev;

	ASSERT_RTNL();
	WARN_ON(!list_empty(&port->list));
	WARN_ON(!hash_empty(port->drains));
	WARN_ON(!hash_empty(port->vips));
	hash_del_rcu(&port->hnode);
	nf_unregister_net_hooks(dev_net(dev), port->hooks,
				ARRAY_SIZE(port->hooks));
	vrrp_output_put(dev_net(dev));
	/* Gone already if the device is being unregistered. */
	in_dev = __in_dev_get_rtnl(dev);
	if (port->mc4 && in_dev)
		ip_mc_dec_group(in_dev, VRRP_MCAST_GROUP4);
	if (port->mc6 && __in6_dev_get(dev)) {
		vrrp_mcast_group6(&group);
		ipv6_dev_mc_dec(dev, &group);
	}
	netdev_put(dev, &port->dev_tracker);
	/* The hooks and the receive path may still look at it. */
	kfree_rcu(port, rcu);
}
