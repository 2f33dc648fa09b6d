// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: VRRPv3 advertisements for IPv4 (RFC 9568 section 5) and
 * gratuitous ARP for the virtual addresses (section 6.4.2).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/pkt_sched.h>
#include <net/arp.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "vrrp.h"

/* 01-00-5E-00-00-12: the Ethernet group of 224.0.0.18 */
static const u8 vrrp_mcast_mac4[ETH_ALEN] = {
	0x01, 0x00, 0x5e, 0x00, 0x00, 0x12
};

/**
 * vrrp_primary_addr4() - the primary IPv4 address of an interface
 * @dev: the interface
 *
 * The first primary (not secondary) address, as RFC 9568 section 5.1.1.1
 * asks for the source of advertisements and the election tie-break.
 *
 * Context: any; takes the RCU read lock.
 * Return: the address, or 0 if the interface has none.
 */
__be32 vrrp_primary_addr4(struct net_device *dev)
{
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;
	__be32 addr = 0;

	rcu_read_lock();
	in_dev = __in_dev_get_rcu(dev);
	if (in_dev) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (ifa->ifa_flags & IFA_F_SECONDARY)
				continue;
			addr = ifa->ifa_local;
			break;
		}
	}
	rcu_read_unlock();
	return addr;
}

/**
 * vrrp_advert_build() - build an IPv4 VRRPv3 advertisement
 * @r: the router sending it
 * @priority: the priority to advertise: r->priority, or 0 when stopping
 *
 * The frame is complete down to the Ethernet header, with the virtual
 * MAC as source and 01-00-5E-00-00-12 as destination.
 *
 * Context: r->lock held (the counters are updated).
 * Return: the frame, or NULL without memory or without a primary address.
 */
struct sk_buff *vrrp_advert_build(struct vrrp_router *r, u8 priority)
{
	unsigned int len = sizeof(struct vrrp_hdr) + r->nvips * sizeof(__be32);
	struct net_device *dev = vrrp_dev(r);
	struct vrrp_hdr *vh;
	struct sk_buff *skb;
	struct iphdr *iph;
	__be32 *addrs;
	__be32 saddr;
	unsigned int i;

	lockdep_assert_held(&r->lock);

	saddr = vrrp_primary_addr4(dev);
	if (!saddr) {
		net_warn_ratelimited("%s vrid %u: no IPv4 address to send from\n",
				     dev->name, r->vrid);
		return NULL;
	}

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*iph) + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));

	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->tos = IPTOS_PREC_INTERNETCONTROL;
	iph->tot_len = htons(sizeof(*iph) + len);
	iph->id = 0;
	iph->frag_off = htons(IP_DF);
	iph->ttl = VRRP_TTL;
	iph->protocol = IPPROTO_VRRP;
	iph->saddr = saddr;
	iph->daddr = VRRP_MCAST_GROUP4;
	ip_send_check(iph);

	skb_set_transport_header(skb, skb->len);
	vh = skb_put(skb, len);
	vh->vers_type = (VRRP_VERSION << 4) | VRRP_TYPE_ADVERT;
	vh->vrid = r->vrid;
	vh->priority = priority;
	vh->naddr = r->nvips;
	vh->rsvd_maxadv = htons(r->interval_cs & VRRP_MAX_ADVER_INT);
	vh->csum = 0;
	addrs = (__be32 *)(vh + 1);
	for (i = 0; i < r->nvips; i++)
		addrs[i] = r->vips[i].addr;
	/* The VRRPv3 checksum covers the IPv4 pseudo-header (RFC 9568
	 * 5.2.8), as keepalived and FRR send and expect by default.
	 */
	vh->csum = csum_tcpudp_magic(saddr, VRRP_MCAST_GROUP4, len,
				     IPPROTO_VRRP, csum_partial(vh, len, 0));

	skb->protocol = htons(ETH_P_IP);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	if (dev_hard_header(skb, dev, ETH_P_IP, vrrp_mcast_mac4, r->vmac,
			    skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}

	r->stats.sent_advertisements++;
	if (priority == VRRP_PRIO_STOP)
		r->stats.sent_pri_zero++;
	return skb;
}

/**
 * vrrp_advert_xmit() - send a frame built by vrrp_advert_build()
 * @skb: the frame; always consumed
 * @direct: bypass the qdisc (for a device going down, whose qdisc may
 *	hold the frame until it is too late)
 *
 * Context: any but hard interrupt.
 */
void vrrp_advert_xmit(struct sk_buff *skb, bool direct)
{
	if (direct)
		dev_direct_xmit(skb, 0);
	else
		dev_queue_xmit(skb);
}

/**
 * vrrp_garp_send() - broadcast a gratuitous ARP for every virtual address
 * @r: the router, just become Active
 *
 * The sender hardware address and the Ethernet source are the virtual MAC
 * so hosts and learning bridges point the addresses at it.
 *
 * Context: any but hard interrupt.
 */
void vrrp_garp_send(struct vrrp_router *r)
{
	struct net_device *dev = vrrp_dev(r);
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < r->nvips; i++) {
		skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, r->vips[i].addr, dev,
				 r->vips[i].addr, NULL, r->vmac, NULL);
		if (skb)
			arp_xmit(skb);
	}
}
