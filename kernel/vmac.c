// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual MAC: ports (the VRRP side of a net_device), the unicast
 * filter for 00-00-5E-00-01-{VRID}, and the netdev ingress hook that
 * delivers frames sent to the virtual MAC of an Active router and answers
 * ARP for its virtual addresses.
 */
#include <linux/etherdevice.h>
#include <linux/hashtable.h>
#include <linux/if_arp.h>
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/netfilter_netdev.h>
#include <linux/rtnetlink.h>
#include <net/arp.h>

#include "vrrp.h"

/*
 * The netdev ingress priority of our hook: after the default filter
 * priority (0) so that an administrator's nftables netdev chains see
 * frames first.
 */
#define VRRP_INGRESS_PRIORITY	100

/* Every port, keyed by its net_device; rtnl writes, RCU readers. */
static DEFINE_HASHTABLE(vrrp_ports, 8);

/* 00-00-5E-00-01-{VRID}: the IPv4 virtual MAC (RFC 9568 7.3) */
static const u8 vrrp_vmac4_prefix[5] = { 0x00, 0x00, 0x5e, 0x00, 0x01 };

/**
 * vrrp_port_lookup_rcu() - the port of a device
 * @dev: the device
 *
 * Context: RCU read lock or rtnl held.
 * Return: the port, or NULL if no virtual router runs on @dev.
 */
struct vrrp_port *vrrp_port_lookup_rcu(const struct net_device *dev)
{
	struct vrrp_port *port;

	hash_for_each_possible_rcu(vrrp_ports, port, hnode, (unsigned long)dev,
				   lockdep_rtnl_is_held())
		if (port->dev == dev)
			return port;
	return NULL;
}

/**
 * vrrp_vip_match() - is @addr one of the router's virtual addresses?
 * @r: the router
 * @addr: an IPv4 address
 *
 * Context: any; the address list is fixed for the router's life.
 */
bool vrrp_vip_match(const struct vrrp_router *r, __be32 addr)
{
	unsigned int i;

	for (i = 0; i < r->nvips; i++)
		if (r->vips[i].addr == addr)
			return true;
	return false;
}

static bool vrrp_is_vmac4(const u8 *addr)
{
	return !memcmp(addr, vrrp_vmac4_prefix, sizeof(vrrp_vmac4_prefix));
}

/*
 * An ARP request for a virtual address: the Active router answers with the
 * virtual MAC; a Backup stays silent. The request is consumed either way
 * so the kernel's own ARP never announces a virtual address with the real
 * MAC.
 */
static unsigned int vrrp_arp_input(struct vrrp_port *port,
				   struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	const struct arphdr *arp;
	struct vrrp_router *r;
	struct sk_buff *reply;
	const u8 *sha, *p;
	__be32 sip, tip;

	if (!pskb_may_pull(skb, arp_hdr_len(dev)))
		return NF_ACCEPT;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) ||
	    arp->ar_hln != ETH_ALEN || arp->ar_pln != sizeof(__be32) ||
	    arp->ar_op != htons(ARPOP_REQUEST))
		return NF_ACCEPT;

	p = (const u8 *)(arp + 1);
	sha = p;
	memcpy(&sip, p + ETH_ALEN, sizeof(sip));
	memcpy(&tip, p + 2 * ETH_ALEN + sizeof(sip), sizeof(tip));
	if (sip == tip)		/* a gratuitous ARP asks nothing */
		return NF_ACCEPT;

	list_for_each_entry_rcu(r, &port->routers, port_node) {
		if (!vrrp_vip_match(r, tip))
			continue;
		if (READ_ONCE(r->state) != VRRP_STATE_ACTIVE)
			return NF_DROP;
		reply = arp_create(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha,
				   r->vmac, sha);
		if (reply)
			arp_xmit(reply);
		consume_skb(skb);
		return NF_STOLEN;
	}
	return NF_ACCEPT;
}

/*
 * A frame to a virtual MAC: eth_type_trans() marked it PACKET_OTHERHOST,
 * which IP drops. Deliver it while the router is Active, so forwarding
 * through the virtual gateway works, but never accept IPv4 packets
 * addressed to a virtual address itself (RFC 9568 6.4.3, no Accept_Mode).
 */
static unsigned int vrrp_vmac_input(struct vrrp_port *port,
				    struct sk_buff *skb, const u8 *dest)
{
	struct vrrp_router *r = rcu_dereference(port->v4[dest[5]]);
	const struct iphdr *iph;

	if (!r || READ_ONCE(r->state) != VRRP_STATE_ACTIVE)
		return NF_ACCEPT;
	if (skb->protocol == htons(ETH_P_IP)) {
		if (!pskb_may_pull(skb, sizeof(*iph)))
			return NF_ACCEPT;
		iph = ip_hdr(skb);
		if (vrrp_vip_match(r, iph->daddr))
			return NF_DROP;
	}
	skb->pkt_type = PACKET_HOST;
	return NF_ACCEPT;
}

static unsigned int vrrp_ingress(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct vrrp_port *port = priv;
	const struct ethhdr *eth;
	unsigned int verdict;

	if (!skb_mac_header_was_set(skb))
		return NF_ACCEPT;
	eth = eth_hdr(skb);
	if (skb->pkt_type == PACKET_OTHERHOST && vrrp_is_vmac4(eth->h_dest)) {
		verdict = vrrp_vmac_input(port, skb, eth->h_dest);
		if (verdict != NF_ACCEPT)
			return verdict;
	}
	/* After the above: a host re-validating its entry asks the vMAC by
	 * unicast, and must get its answer like a broadcast asker.
	 */
	if (skb->protocol == htons(ETH_P_ARP) &&
	    skb->pkt_type != PACKET_OTHERHOST)
		return vrrp_arp_input(port, skb);
	return NF_ACCEPT;
}

/**
 * vrrp_port_get() - find or create the port of a device
 * @dev: an Ethernet device with IPv4 configured
 * @extack: for the reason of a failure
 *
 * A new port hooks netdev ingress on @dev and joins 224.0.0.18 there.
 *
 * Context: rtnl held.
 * Return: the port or an ERR_PTR().
 */
struct vrrp_port *vrrp_port_get(struct net_device *dev,
				struct netlink_ext_ack *extack)
{
	struct in_device *in_dev;
	struct vrrp_port *port;
	int err;

	ASSERT_RTNL();
	port = vrrp_port_lookup_rcu(dev);
	if (port)
		return port;

	in_dev = __in_dev_get_rtnl(dev);
	if (!in_dev) {
		NL_SET_ERR_MSG(extack, "interface has no IPv4 configuration");
		return ERR_PTR(-EADDRNOTAVAIL);
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return ERR_PTR(-ENOMEM);
	port->dev = dev;
	INIT_LIST_HEAD(&port->routers);
	port->ingress.hook = vrrp_ingress;
	port->ingress.pf = NFPROTO_NETDEV;
	port->ingress.hooknum = NF_NETDEV_INGRESS;
	port->ingress.priority = VRRP_INGRESS_PRIORITY;
	port->ingress.dev = dev;
	port->ingress.priv = port;

	err = nf_register_net_hook(dev_net(dev), &port->ingress);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot hook ingress of the interface");
		kfree(port);
		return ERR_PTR(err);
	}
	ip_mc_inc_group(in_dev, VRRP_MCAST_GROUP4);
	netdev_hold(dev, &port->dev_tracker, GFP_KERNEL);
	hash_add_rcu(vrrp_ports, &port->hnode, (unsigned long)dev);
	return port;
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
	struct in_device *in_dev;

	ASSERT_RTNL();
	WARN_ON(!list_empty(&port->routers));
	hash_del_rcu(&port->hnode);
	nf_unregister_net_hook(dev_net(dev), &port->ingress);
	/* Gone already if the device is being unregistered. */
	in_dev = __in_dev_get_rtnl(dev);
	if (in_dev)
		ip_mc_dec_group(in_dev, VRRP_MCAST_GROUP4);
	netdev_put(dev, &port->dev_tracker);
	/* The ingress hook and the receive path may still look at it. */
	kfree_rcu(port, rcu);
}

/**
 * vrrp_vmac_sync() - make the unicast filter follow the router's state
 * @r: the router
 *
 * The virtual MAC is in the device's unicast filter exactly while the
 * router is Active.
 *
 * Context: rtnl held.
 */
void vrrp_vmac_sync(struct vrrp_router *r)
{
	bool want = !r->dead && READ_ONCE(r->state) == VRRP_STATE_ACTIVE;
	struct net_device *dev = vrrp_dev(r);
	int err;

	ASSERT_RTNL();
	if (want == r->uc_installed)
		return;
	if (want) {
		err = dev_uc_add(dev, r->vmac);
		if (err) {
			net_warn_ratelimited("%s vrid %u: cannot add %pM to the unicast filter: %d\n",
					     dev->name, r->vrid, r->vmac, err);
			return;
		}
	} else {
		dev_uc_del(dev, r->vmac);
	}
	r->uc_installed = want;
}

static void vrrp_vmac_work(struct work_struct *work)
{
	struct vrrp_router *r = container_of(work, struct vrrp_router, uc_work);

	rtnl_lock();
	if (!r->dead)
		vrrp_vmac_sync(r);
	rtnl_unlock();
	vrrp_router_put(r);
}

/**
 * vrrp_vmac_schedule() - have vrrp_vmac_sync() run soon under rtnl
 * @r: the router whose state changed
 *
 * Frames to the virtual MAC are delivered by the ingress hook as soon as
 * the state changes; the filter (needed by NICs that filter unicast in
 * hardware) follows from a work item, since the timer cannot take rtnl.
 *
 * Context: any; r->lock held by the state machine.
 */
void vrrp_vmac_schedule(struct vrrp_router *r)
{
	refcount_inc(&r->refcnt);
	if (!queue_work(vrrp_wq, &r->uc_work))
		vrrp_router_put(r);
}

/**
 * vrrp_vmac_init_router() - prepare the vMAC side of a new router
 * @r: the router
 */
void vrrp_vmac_init_router(struct vrrp_router *r)
{
	memcpy(r->vmac, vrrp_vmac4_prefix, sizeof(vrrp_vmac4_prefix));
	r->vmac[5] = r->vrid;
	INIT_WORK(&r->uc_work, vrrp_vmac_work);
}
