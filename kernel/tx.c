// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: advertisements (VRRPv3 for IPv4 and IPv6, RFC 9568 section 5;
 * VRRPv2 for IPv4, RFC 3768), gratuitous ARP and unsolicited Neighbor
 * Advertisements for the virtual addresses (RFC 9568 section 6.4.2),
 * Router Advertisements for the virtual router (RFC 9568 section 8.2.3).
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pkt_sched.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/arp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/route.h>

#include "vrrp.h"
#include "trace.h"

/* 01-00-5E-00-00-12 and 33-33-00-00-00-12: 224.0.0.18 and ff02::12 */
static const u8 vrrp_mcast_mac4[ETH_ALEN] = {
	0x01, 0x00, 0x5e, 0x00, 0x00, 0x12
};

static const u8 vrrp_mcast_mac6[ETH_ALEN] = {
	0x33, 0x33, 0x00, 0x00, 0x00, 0x12
};

/* 33-33-00-00-00-01: ff02::1, all nodes */
static const u8 vrrp_allnodes_mac[ETH_ALEN] = {
	0x33, 0x33, 0x00, 0x00, 0x00, 0x01
};

/*
 * May @addr, a local address of @r's interface, be the source of an
 * advertisement? Not when it is a virtual address of a router on the
 * interface that does not own it: such an address is local only through
 * Accept_Mode, it is not a real address (RFC 9568 5.1.1.1, 5.1.2.1). The
 * owner's virtual addresses are its real addresses. RCU read lock held.
 */
static bool vrrp_src_usable(struct vrrp_router *r, const union vrrp_ip *addr)
{
	const struct vrrp_router *o;

	o = vrrp_port_vip_owner_rcu(r->port, r->family, addr);
	return !o || READ_ONCE(o->p.priority) == VRRP_PRIO_OWNER;
}

/* The first usable link-local address (ipv6_get_lladdr() is not exported). */
static bool vrrp_lladdr(struct vrrp_router *r, struct net_device *dev,
			struct in6_addr *addr)
{
	const struct inet6_ifaddr *ifp;
	union vrrp_ip cand;
	struct inet6_dev *idev;
	bool found = false;

	rcu_read_lock();
	idev = __in6_dev_get(dev);
	if (idev) {
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifp, &idev->addr_list, if_list) {
			if (ifp->scope != IFA_LINK ||
			    ifp->flags & (IFA_F_TENTATIVE | IFA_F_OPTIMISTIC))
				continue;
			/* Not a virtual address made local by Accept_Mode:
			 * not a real address to advertise from (5.1.2.1).
			 */
			cand.v6 = ifp->addr;
			if (!vrrp_src_usable(r, &cand))
				continue;
			*addr = ifp->addr;
			found = true;
			break;
		}
		read_unlock_bh(&idev->lock);
	}
	rcu_read_unlock();
	return found;
}

/**
 * vrrp_primary_addr() - the primary address of the router's interface
 * @r: the router
 * @addr: where to store it
 *
 * IPv4: the first primary address of the interface that is not a
 * virtual address made local by Accept_Mode (an owner's virtual address
 * is a real one).
 * IPv6: the link-local address (RFC 9568 5.1.2.1).
 *
 * Context: any; takes the RCU read lock.
 * Return: false if the interface has none.
 */
bool vrrp_primary_addr(struct vrrp_router *r, union vrrp_ip *addr)
{
	struct net_device *dev = vrrp_dev(r);
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;
	union vrrp_ip cand;
	bool found = false;

	memset(addr, 0, sizeof(*addr));
	if (vrrp_is_v6(r))
		return vrrp_lladdr(r, dev, &addr->v6);

	rcu_read_lock();
	in_dev = __in_dev_get_rcu(dev);
	if (in_dev) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (ifa->ifa_flags & IFA_F_SECONDARY)
				continue;
			cand.v4 = ifa->ifa_local;
			if (!vrrp_src_usable(r, &cand))
				continue;
			addr->v4 = ifa->ifa_local;
			found = true;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/*
 * The VRRPv2 Adver Int of a router: its interval in whole seconds. A
 * v2-compat VRRPv3 router rounds its interval to the nearest second,
 * 1 to 255 (RFC 9568 8.4: VRRPv2 counts in seconds).
 */
static u8 vrrp_v2_interval(const struct vrrp_router *r)
{
	return clamp(DIV_ROUND_CLOSEST(r->p.interval_cs, 100), 1, 255);
}

/* The VRRP message itself, of VRRP version @version; returns its length. */
static unsigned int vrrp_advert_fill(struct vrrp_router *r,
				     const struct vrrp_addrs *a, u8 priority,
				     u8 version, struct vrrp_hdr *vh)
{
	unsigned int i, alen = vrrp_is_v6(r) ? 16 : 4;
	u8 *p = (u8 *)(vh + 1);

	vh->vers_type = (version << 4) | VRRP_TYPE_ADVERT;
	vh->vrid = r->vrid;
	vh->priority = priority;
	vh->naddr = a->nvips;
	if (version == 2)
		vh->rsvd_maxadv = htons((VRRP_V2_AUTH_NONE << 8) |
					vrrp_v2_interval(r));
	else
		vh->rsvd_maxadv = htons(r->p.interval_cs & VRRP_MAX_ADVER_INT);
	vh->csum = 0;
	for (i = 0; i < a->nvips; i++, p += alen)
		memcpy(p, &a->vips[i].addr, alen);
	if (version == 2) {	/* Authentication Data, unused */
		memset(p, 0, 8);
		p += 8;
	}
	return p - (u8 *)vh;
}

static unsigned int vrrp_advert_len(const struct vrrp_router *r,
				    const struct vrrp_addrs *a, u8 version)
{
	return sizeof(struct vrrp_hdr) +
	       a->nvips * (vrrp_is_v6(r) ? 16 : 4) +
	       (version == 2 ? 8 : 0);
}

/**
 * vrrp_advert_build() - build one advertisement
 * @r: the router sending it
 * @priority: the priority to advertise: the router's, or 0 when stopping
 * @dst: a unicast peer, or NULL for the multicast group
 * @version: the VRRP version of the message: the router's, or 2 for the
 *	VRRPv2 copy of a v2-compat router
 *
 * A multicast advertisement is complete down to the Ethernet header, with
 * the virtual MAC as source. A unicast one stops at the network header:
 * it is routed (vrrp_advert_send()).
 *
 * Context: r->lock held (the counters are updated); RCU read lock.
 * Return: the packet, or NULL without memory or without a source address.
 */
struct sk_buff *vrrp_advert_build(struct vrrp_router *r, u8 priority,
				  const union vrrp_ip *dst, u8 version)
{
	const struct vrrp_addrs *a = rcu_dereference(r->addrs);
	struct net_device *dev = vrrp_dev(r);
	unsigned int len, nhlen;
	union vrrp_ip saddr;
	struct vrrp_hdr *vh;
	struct sk_buff *skb;

	lockdep_assert_held(&r->lock);

	if (!vrrp_primary_addr(r, &saddr)) {
		net_warn_ratelimited("%s vrid %u: no %s address to send from\n",
				     dev->name, r->vrid,
				     vrrp_is_v6(r) ? "link-local" : "IPv4");
		return NULL;
	}

	len = vrrp_advert_len(r, a, version);
	nhlen = vrrp_is_v6(r) ? sizeof(struct ipv6hdr) : sizeof(struct iphdr);
	skb = alloc_skb(LL_RESERVED_SPACE(dev) + nhlen + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	skb_put(skb, nhlen);
	skb_set_transport_header(skb, nhlen);
	vh = skb_put(skb, len);
	vrrp_advert_fill(r, a, priority, version, vh);

	if (vrrp_is_v6(r)) {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);
		struct in6_addr daddr;

		if (dst)
			daddr = dst->v6;
		else
			vrrp_mcast_group6(&daddr);
		ip6_flow_hdr(ip6h, IPTOS_PREC_INTERNETCONTROL, 0);
		ip6h->payload_len = htons(len);
		ip6h->nexthdr = IPPROTO_VRRP;
		ip6h->hop_limit = VRRP_TTL;
		ip6h->saddr = saddr.v6;
		ip6h->daddr = daddr;
		vh->csum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
					   IPPROTO_VRRP,
					   csum_partial(vh, len, 0));
		skb->protocol = htons(ETH_P_IPV6);
	} else {
		struct iphdr *iph = ip_hdr(skb);

		iph->version = 4;
		iph->ihl = sizeof(*iph) >> 2;
		iph->tos = IPTOS_PREC_INTERNETCONTROL;
		iph->tot_len = htons(sizeof(*iph) + len);
		iph->id = 0;
		iph->frag_off = htons(IP_DF);
		iph->ttl = VRRP_TTL;
		iph->protocol = IPPROTO_VRRP;
		iph->saddr = saddr.v4;
		iph->daddr = dst ? dst->v4 : VRRP_MCAST_GROUP4;
		ip_send_check(iph);
		/* VRRPv3 covers the pseudo-header (RFC 9568 5.2.8) unless
		 * configured for peers that leave it out; VRRPv2 never does.
		 */
		if (version == 3 && r->p.csum == VRRP_CHECKSUM_PSEUDO)
			vh->csum = csum_tcpudp_magic(iph->saddr, iph->daddr,
						     len, IPPROTO_VRRP,
						     csum_partial(vh, len, 0));
		else
			vh->csum = ip_compute_csum(vh, len);
		skb->protocol = htons(ETH_P_IP);
	}

	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	if (!dst && dev_hard_header(skb, dev, ntohs(skb->protocol),
				    vrrp_is_v6(r) ? vrrp_mcast_mac6 :
						    vrrp_mcast_mac4,
				    r->vmac, skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}

	r->stats.sent_advertisements++;
	if (priority == VRRP_PRIO_STOP)
		r->stats.sent_pri_zero++;
	trace_vrrp_advert_tx(r, priority);
	return skb;
}

/* Route a unicast advertisement to its peer. */
static void vrrp_advert_route(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct net *net = dev_net(dev);

	if (skb->protocol == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);
		struct flowi6 fl6 = {
			.flowi6_oif	= dev->ifindex,
			.flowi6_proto	= IPPROTO_VRRP,
			.daddr		= ip6h->daddr,
			.saddr		= ip6h->saddr,
		};
		struct dst_entry *dst;

		dst = ip6_route_output(net, NULL, &fl6);
		if (dst->error) {
			dst_release(dst);
			kfree_skb(skb);
			return;
		}
		skb_dst_set(skb, dst);
		ip6_local_out(net, NULL, skb);
	} else {
		const struct iphdr *iph = ip_hdr(skb);
		struct flowi4 fl4 = {
			.flowi4_oif	= dev->ifindex,
			.flowi4_proto	= IPPROTO_VRRP,
			.daddr		= iph->daddr,
			.saddr		= iph->saddr,
		};
		struct rtable *rt;

		rt = ip_route_output_key(net, &fl4);
		if (IS_ERR(rt)) {
			kfree_skb(skb);
			return;
		}
		skb_dst_set(skb, &rt->dst);
		ip_local_out(net, NULL, skb);
	}
}

/**
 * vrrp_advert_send() - send the router's advertisement
 * @r: the router
 * @stop: a priority-0 goodbye instead of the router's own priority
 * @direct: bypass the qdisc (for a device going down, whose qdisc may
 *	hold the frame until it is too late); multicast only
 *
 * To the multicast group, or to each unicast peer when peers are set.
 *
 * Context: any but hard interrupt; r->lock not held.
 */
void vrrp_advert_send(struct vrrp_router *r, bool stop, bool direct)
{
	struct sk_buff_head q;
	struct vrrp_addrs *a;
	struct sk_buff *skb;
	unsigned int i;
	u8 priority, v;

	__skb_queue_head_init(&q);
	rcu_read_lock();
	a = rcu_dereference(r->addrs);
	spin_lock_bh(&r->lock);
	priority = stop ? VRRP_PRIO_STOP : vrrp_prio(r);
	r->tx_cpu = raw_smp_processor_id();
	/* RFC 9568 8.4.2: in interop mode, both versions at the configured
	 * rate.
	 */
	for (v = r->p.v2_compat ? 2 : r->p.version; v <= r->p.version; v++) {
		if (!a->npeers) {
			skb = vrrp_advert_build(r, priority, NULL, v);
			if (skb)
				__skb_queue_tail(&q, skb);
		}
		for (i = 0; i < a->npeers; i++) {
			skb = vrrp_advert_build(r, priority, &a->peers[i], v);
			if (skb)
				__skb_queue_tail(&q, skb);
		}
	}
	spin_unlock_bh(&r->lock);

	while ((skb = __skb_dequeue(&q))) {
		if (a->npeers)
			vrrp_advert_route(skb);
		else if (direct)
			dev_direct_xmit(skb, 0);
		else
			dev_queue_xmit(skb);
	}
	rcu_read_unlock();
}

/**
 * vrrp_na_send() - send a Neighbor Advertisement for a virtual address
 * @r: the router, Active
 * @target: the virtual address, also the source
 * @daddr: the destination: a soliciting host, or NULL for all nodes
 * @dmac: its MAC, or NULL for the all-nodes group
 *
 * Router and Override flags set, Solicited when answering a host; the
 * target link-layer address and the Ethernet source are the virtual MAC
 * (RFC 9568 6.4.2 and 6.4.3).
 *
 * Context: any but hard interrupt.
 */
void vrrp_na_send(struct vrrp_router *r, const struct in6_addr *target,
		  const struct in6_addr *daddr, const u8 *dmac)
{
	struct net_device *dev = vrrp_dev(r);
	unsigned int len = sizeof(struct nd_msg) + 8;
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	struct nd_msg *msg;
	u8 *opt;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6h) + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6h = skb_put(skb, sizeof(*ip6h));
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(len);
	ip6h->nexthdr = IPPROTO_ICMPV6;
	ip6h->hop_limit = 255;
	ip6h->saddr = *target;
	if (daddr)
		ip6h->daddr = *daddr;
	else
		ipv6_addr_set(&ip6h->daddr, htonl(0xff020000), 0, 0, htonl(1));

	skb_set_transport_header(skb, skb->len);
	msg = skb_put_zero(skb, len);
	msg->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	msg->icmph.icmp6_router = 1;
	msg->icmph.icmp6_solicited = !!daddr;
	msg->icmph.icmp6_override = 1;
	msg->target = *target;
	opt = msg->opt;
	opt[0] = ND_OPT_TARGET_LL_ADDR;
	opt[1] = 1;		/* in units of 8 octets */
	ether_addr_copy(opt + 2, r->vmac);
	msg->icmph.icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr,
						 len, IPPROTO_ICMPV6,
						 csum_partial(msg, len, 0));

	skb->protocol = htons(ETH_P_IPV6);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	if (dev_hard_header(skb, dev, ETH_P_IPV6, dmac ?: vrrp_allnodes_mac,
			    r->vmac, skb->len) < 0) {
		kfree_skb(skb);
		return;
	}
	dev_queue_xmit(skb);
}

/**
 * vrrp_garp_send() - announce every virtual address with the virtual MAC
 * @r: the router, Active
 * @count: messages per address
 *
 * IPv4: gratuitous ARP requests, sender hardware address and Ethernet
 * source the virtual MAC; IPv6: unsolicited Neighbor Advertisements with
 * the Router and Override flags.
 *
 * Context: any but hard interrupt.
 */
void vrrp_garp_send(struct vrrp_router *r, unsigned int count)
{
	struct net_device *dev = vrrp_dev(r);
	const struct vrrp_addrs *a;
	struct sk_buff *skb;
	unsigned int i, n;

	rcu_read_lock();
	a = rcu_dereference(r->addrs);
	for (n = 0; n < count; n++) {
		for (i = 0; i < a->nvips; i++) {
			if (vrrp_is_v6(r)) {
				vrrp_na_send(r, &a->vips[i].addr.v6, NULL,
					     NULL);
				continue;
			}
			skb = arp_create(ARPOP_REQUEST, ETH_P_ARP,
					 a->vips[i].addr.v4, dev,
					 a->vips[i].addr.v4, NULL, r->vmac,
					 NULL);
			if (skb)
				arp_xmit(skb);
		}
	}
	rcu_read_unlock();
}

/* Room for the largest Router Advertisement: header, SLLA, MTU, prefixes */
#define VRRP_RA_LEN_MAX	(16 + 8 + 8 + 32 * VRRP_RA_PREFIXES_MAX)

static void vrrp_put_be32(u8 *p, u32 val)
{
	__be32 v = htonl(val);

	memcpy(p, &v, sizeof(v));
}

/* Fill the ICMPv6 part of a Router Advertisement; r->lock held. */
static unsigned int vrrp_ra_fill(struct vrrp_router *r, u8 *p, bool final)
{
	const struct vrrp_ra_params *ra = &r->p.ra;
	unsigned int i, len = 16;
	__be16 lifetime;
	u8 *o;

	lockdep_assert_held(&r->lock);
	p[0] = NDISC_ROUTER_ADVERTISEMENT;
	/* Cur Hop Limit 0, no M/O flags, reachable and retrans timers 0:
	 * unspecified, hosts keep their own (RFC 4861 4.2).
	 */
	lifetime = htons(final ? 0 : ra->lifetime);
	memcpy(p + 6, &lifetime, sizeof(lifetime));

	o = p + len;
	o[0] = ND_OPT_SOURCE_LL_ADDR;
	o[1] = 1;
	ether_addr_copy(o + 2, r->vmac);
	len += 8;
	if (ra->mtu) {
		o = p + len;
		o[0] = ND_OPT_MTU;
		o[1] = 1;
		vrrp_put_be32(o + 4, ra->mtu);
		len += 8;
	}
	for (i = 0; i < ra->nprefixes; i++) {
		const struct vrrp_ra_prefix *pf = &ra->prefixes[i];

		o = p + len;
		o[0] = ND_OPT_PREFIX_INFO;
		o[1] = 4;
		o[2] = pf->len;
		o[3] = (pf->onlink ? 0x80 : 0) | (pf->autonomous ? 0x40 : 0);
		vrrp_put_be32(o + 4, pf->valid);
		vrrp_put_be32(o + 8, pf->preferred);
		memcpy(o + 16, &pf->prefix, sizeof(pf->prefix));
		len += 32;
	}
	return len;
}

/**
 * vrrp_ra_send() - send a Router Advertisement for the virtual router
 * @r: an inet6 router
 * @final: with router lifetime 0: the router stops being a default
 *	router (RFC 4861 6.2.5)
 * @direct: bypass the qdisc (a device going down)
 *
 * RFC 9568 8.2.3: from the virtual link-local address (the first virtual
 * address, RFC 9568 7.4) with the virtual MAC as Ethernet source and in
 * the Source Link-Layer Address option, to all nodes: hosts take the
 * virtual router as their default router, whichever router is Active.
 *
 * Context: any but hard interrupt; r->lock not held.
 */
void vrrp_ra_send(struct vrrp_router *r, bool final, bool direct)
{
	struct net_device *dev = vrrp_dev(r);
	struct ipv6hdr *ip6h;
	struct vrrp_addrs *a;
	struct sk_buff *skb;
	unsigned int len;
	u8 *msg;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6h) +
			VRRP_RA_LEN_MAX + dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6h = skb_put(skb, sizeof(*ip6h));
	skb_set_transport_header(skb, skb->len);
	msg = skb_put_zero(skb, VRRP_RA_LEN_MAX);

	rcu_read_lock();
	a = rcu_dereference(r->addrs);
	ip6h->saddr = a->vips[0].addr.v6;
	rcu_read_unlock();
	spin_lock_bh(&r->lock);
	len = vrrp_ra_fill(r, msg, final);
	r->stats.sent_router_advertisements++;
	spin_unlock_bh(&r->lock);
	skb_trim(skb, sizeof(*ip6h) + len);

	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(len);
	ip6h->nexthdr = IPPROTO_ICMPV6;
	ip6h->hop_limit = 255;
	ipv6_addr_set(&ip6h->daddr, htonl(0xff020000), 0, 0, htonl(1));
	((struct icmp6hdr *)msg)->icmp6_cksum =
		csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len, IPPROTO_ICMPV6,
				csum_partial(msg, len, 0));

	skb->protocol = htons(ETH_P_IPV6);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	if (dev_hard_header(skb, dev, ETH_P_IPV6, vrrp_allnodes_mac, r->vmac,
			    skb->len) < 0) {
		kfree_skb(skb);
		return;
	}
	if (direct)
		dev_direct_xmit(skb, 0);
	else
		dev_queue_xmit(skb);
}
