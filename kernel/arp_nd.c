// SPDX-License-Identifier: GPL-2.0
/*
 * ARP and Neighbor Discovery for the virtual addresses: the netdev ingress
 * hook delivers frames sent to the virtual MAC of an Active router (of a
 * draining one, and of a Backup with "forward any", to forward) and
 * answers ARP and Neighbor Solicitations for its virtual addresses; the
 * netdev egress hook keeps the kernel's own ARP/ND from announcing a
 * virtual address with the real MAC.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <net/arp.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "vrrp.h"

/*
 * An ARP request for a virtual address: the Active router answers with the
 * virtual MAC; a Backup stays silent. The request is consumed either way
 * so the kernel's own ARP never answers a virtual address with the real
 * MAC.
 */
static unsigned int vrrp_arp_input(struct vrrp_port *port,
				   struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct {
		struct arphdr	hdr;
		u8		sha[ETH_ALEN];
		__be32		sip;
		u8		tha[ETH_ALEN];
		__be32		tip;
	} __packed _arp;
	const typeof(_arp) *arp;
	union vrrp_ip sip, tip;
	struct vrrp_router *r;
	struct sk_buff *reply;
	u8 sha[ETH_ALEN];

	/* Read in place: every ARP frame of the port passes here. */
	arp = skb_header_pointer(skb, skb_network_offset(skb), sizeof(_arp),
				 &_arp);
	if (!arp)
		return NF_ACCEPT;
	if (arp->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != htons(ETH_P_IP) ||
	    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != sizeof(__be32) ||
	    arp->hdr.ar_op != htons(ARPOP_REQUEST))
		return NF_ACCEPT;

	sip.v4 = arp->sip;
	tip.v4 = arp->tip;
	if (sip.v4 == tip.v4)	/* a gratuitous ARP asks nothing */
		return NF_ACCEPT;

	r = vrrp_port_vip_owner_rcu(port, VRRP_FAMILY_INET, &tip);
	if (!r)
		return NF_ACCEPT;
	if (!vrrp_is_active(r))
		return NF_DROP;
	ether_addr_copy(sha, arp->sha);
	reply = arp_create(ARPOP_REPLY, ETH_P_ARP, sip.v4, dev, tip.v4, sha,
			   r->vmac, sha);
	if (reply)
		arp_xmit(reply);
	consume_skb(skb);
	return NF_STOLEN;
}

/*
 * A Neighbor Solicitation for a virtual address (RFC 9568 6.4.3): the
 * Active router answers with the virtual MAC and the Router flag; a Backup
 * stays silent; consumed either way.
 */
static unsigned int vrrp_ns_input(struct vrrp_port *port, struct sk_buff *skb)
{
	unsigned int off = skb_network_offset(skb);
	const struct icmp6hdr *icmph;
	const struct ipv6hdr *ip6h;
	const struct nd_msg *msg;
	struct icmp6hdr _icmph;
	struct ipv6hdr _ip6h;
	struct vrrp_router *r;
	union vrrp_ip target;
	struct nd_msg _msg;

	/* Read in place: every IPv6 packet of the port passes here. */
	ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
	if (!ip6h || ip6h->nexthdr != IPPROTO_ICMPV6 || ip6h->hop_limit != 255)
		return NF_ACCEPT;
	icmph = skb_header_pointer(skb, off + sizeof(_ip6h), sizeof(_icmph),
				   &_icmph);
	if (!icmph)
		return NF_ACCEPT;
	/* Not consumed: radvd on the router may answer it too. */
	if (icmph->icmp6_type == NDISC_ROUTER_SOLICITATION &&
	    !icmph->icmp6_code) {
		vrrp_fsm_router_solicit(port);
		return NF_ACCEPT;
	}
	if (icmph->icmp6_type != NDISC_NEIGHBOUR_SOLICITATION)
		return NF_ACCEPT;
	msg = skb_header_pointer(skb, off + sizeof(_ip6h), sizeof(_msg), &_msg);
	if (!msg)
		return NF_ACCEPT;
	target.v6 = msg->target;
	r = vrrp_port_vip_owner_rcu(port, VRRP_FAMILY_INET6, &target);
	if (!r)
		return NF_ACCEPT;
	/* RFC 4861 7.2.4: to all nodes when the solicitation is from DAD */
	if (vrrp_is_active(r)) {
		if (ipv6_addr_any(&ip6h->saddr))
			vrrp_na_send(r, &target.v6, NULL, NULL);
		else
			vrrp_na_send(r, &target.v6, &ip6h->saddr,
				     eth_hdr(skb)->h_source);
	}
	consume_skb(skb);
	return NF_STOLEN;
}

/*
 * Does @r forward what the LAN sends to its vMAC? While Active; while
 * draining after a planned handover (drain.c), deleted or not; as a
 * Backup with "forward any". Not otherwise (RFC 9568 6.4.2).
 */
static bool vrrp_vmac_forwards(const struct vrrp_router *r)
{
	return vrrp_is_active(r) || vrrp_forwards_as_backup(r) ||
	       vrrp_is_draining(r);
}

/*
 * A frame to a virtual MAC: eth_type_trans() marked it PACKET_OTHERHOST,
 * which IP drops. Deliver it while @r forwards, so forwarding through the
 * virtual gateway works, but accept packets addressed to a virtual
 * address itself only while Active, in Accept_Mode or as the owner (RFC
 * 9568 6.4.3). @r is the router of the vMAC, which forwards; @family that
 * of the vMAC.
 */
static unsigned int vrrp_vmac_deliver(struct vrrp_router *r, u8 family,
				      struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h;
	const struct iphdr *iph;
	struct ipv6hdr _ip6h;
	bool accept, active;
	union vrrp_ip daddr;
	struct iphdr _iph;

	active = vrrp_is_active(r);
	accept = active && (READ_ONCE(r->p.accept) ||
			    READ_ONCE(r->p.priority) == VRRP_PRIO_OWNER);
	if (!accept && family == VRRP_FAMILY_INET &&
	    skb->protocol == htons(ETH_P_IP)) {
		iph = skb_header_pointer(skb, skb_network_offset(skb),
					 sizeof(_iph), &_iph);
		if (!iph)
			return NF_ACCEPT;
		daddr.v4 = iph->daddr;
		if (vrrp_vip_match(rcu_dereference(r->addrs), family, &daddr))
			return NF_DROP;
	}
	if (!accept && family == VRRP_FAMILY_INET6 &&
	    skb->protocol == htons(ETH_P_IPV6)) {
		ip6h = skb_header_pointer(skb, skb_network_offset(skb),
					  sizeof(_ip6h), &_ip6h);
		if (!ip6h)
			return NF_ACCEPT;
		daddr.v6 = ip6h->daddr;
		/* Neighbor Discovery to a virtual address is the Active
		 * router's; a router that is not Active, whose virtual
		 * addresses are not local, would route it back to the LAN.
		 */
		if ((ip6h->nexthdr != IPPROTO_ICMPV6 || !active) &&
		    vrrp_vip_match(rcu_dereference(r->addrs), family, &daddr))
			return NF_DROP;
	}
	skb->pkt_type = PACKET_HOST;
	return NF_ACCEPT;
}

/*
 * A frame to 00-00-5E-00-0{1,2}-xx: the router of that VRID, if that is
 * its vMAC (an anycast gateway with a MAC of its own does not answer to
 * its VRID's), or else a deleted one draining it.
 */
static unsigned int vrrp_vmac_input(struct vrrp_port *port,
				    struct sk_buff *skb, const u8 *dest)
{
	u8 family = dest[4] == 0x02 ? VRRP_FAMILY_INET6 : VRRP_FAMILY_INET;
	struct vrrp_router *r;

	if (dest[4] != 0x01 && dest[4] != 0x02)
		return NF_ACCEPT;
	r = rcu_dereference(port->routers[vrrp_fam_idx(family)][dest[5]]);
	if (r && !ether_addr_equal(r->vmac, dest))
		r = NULL;
	if (!r || !vrrp_vmac_forwards(r)) {
		r = vrrp_drain_find_rcu(port, family, dest[5]);
		if (!r)
			return NF_ACCEPT;
	}
	return vrrp_vmac_deliver(r, family, skb);
}

/*
 * A frame to an anycast gateway's own MAC, which says neither family nor
 * VRID: look it up by the frame's protocol (ARP and IPv4, else IPv6).
 * Only on a port that has such a MAC (port->nmacs).
 */
static unsigned int vrrp_mac_input(struct vrrp_port *port,
				   struct sk_buff *skb, const u8 *dest)
{
	u8 family = skb->protocol == htons(ETH_P_IPV6) ? VRRP_FAMILY_INET6 :
							  VRRP_FAMILY_INET;
	struct vrrp_router *r;

	r = vrrp_port_mac_find_rcu(port, family, dest);
	if (!r || !vrrp_vmac_forwards(r))
		return NF_ACCEPT;
	return vrrp_vmac_deliver(r, r->family, skb);
}

/*
 * The netdev hooks of a device see the frames of the VLANs on top of it
 * too: ingress runs before VLAN untagging, egress after the VLAN device
 * handed its frame down. Those frames belong to the routers of the VLAN
 * device (whose own hooks see them untagged), not to ours.
 */
static bool vrrp_skb_vlan(const struct sk_buff *skb)
{
	return skb_vlan_tag_present(skb) || eth_type_vlan(skb->protocol);
}

/**
 * vrrp_ingress() - the netdev ingress hook of a port
 * @priv: the port
 * @skb: a frame received on the port's device
 * @state: the hook state (unused)
 *
 * Delivers the frames sent to the virtual MAC of an Active router (see
 * vrrp_vmac_input() for the others) and answers ARP and Neighbor
 * Solicitations for the virtual addresses.
 *
 * Context: softirq, RCU read lock held.
 * Return: the netfilter verdict.
 */
unsigned int vrrp_ingress(void *priv, struct sk_buff *skb,
			  const struct nf_hook_state *state)
{
	struct vrrp_port *port = priv;
	const struct ethhdr *eth;
	unsigned int verdict;

	if (!skb_mac_header_was_set(skb) || vrrp_skb_vlan(skb))
		return NF_ACCEPT;
	eth = eth_hdr(skb);
	/* An anycast gateway's own MAC, then the standard vMACs; each looks
	 * only at a frame the one before did not deliver.
	 */
	if (skb->pkt_type == PACKET_OTHERHOST && READ_ONCE(port->nmacs)) {
		verdict = vrrp_mac_input(port, skb, eth->h_dest);
		if (verdict != NF_ACCEPT)
			return verdict;
	}
	if (skb->pkt_type == PACKET_OTHERHOST &&
	    !memcmp(eth->h_dest, vrrp_vmac_prefix, sizeof(vrrp_vmac_prefix))) {
		verdict = vrrp_vmac_input(port, skb, eth->h_dest);
		if (verdict != NF_ACCEPT)
			return verdict;
	}
	/* After the above: a host re-validating its entry asks the vMAC by
	 * unicast, and must get its answer like a broadcast asker.
	 */
	if (skb->pkt_type == PACKET_OTHERHOST)
		return NF_ACCEPT;
	if (skb->protocol == htons(ETH_P_ARP))
		return vrrp_arp_input(port, skb);
	if (skb->protocol == htons(ETH_P_IPV6))
		return vrrp_ns_input(port, skb);
	return NF_ACCEPT;
}

/* Outgoing ARP with a virtual address as sender: use the virtual MAC. */
static unsigned int vrrp_arp_output(struct vrrp_port *port,
				    struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	unsigned int off = skb_network_offset(skb);
	struct vrrp_router *r;
	union vrrp_ip sip;
	struct arphdr *arp;
	u8 *p;

	if (!pskb_may_pull(skb, off + arp_hdr_len(dev)) ||
	    skb_ensure_writable(skb, off + arp_hdr_len(dev)))
		return NF_ACCEPT;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) ||
	    arp->ar_hln != ETH_ALEN || arp->ar_pln != sizeof(__be32))
		return NF_ACCEPT;
	p = (u8 *)(arp + 1);
	memcpy(&sip.v4, p + ETH_ALEN, sizeof(sip.v4));
	r = vrrp_port_vip_owner_rcu(port, VRRP_FAMILY_INET, &sip);
	if (!r)
		return NF_ACCEPT;
	/* RFC 9568 6.4.2: a Backup does not answer for a virtual address.
	 * Its stack still may, with its real MAC, while the Accept_Mode
	 * addresses of its last Active time wait for the sync work: the
	 * new Active router's gratuitous ARP draws such a defence.
	 */
	if (!vrrp_is_active(r))
		return NF_DROP;
	ether_addr_copy(p, r->vmac);
	if (skb_mac_header_was_set(skb) && skb_mac_offset(skb) + ETH_HLEN <= off)
		ether_addr_copy(eth_hdr(skb)->h_source, r->vmac);
	return NF_ACCEPT;
}

/*
 * Outgoing Neighbor Solicitations and Advertisements carrying a virtual
 * address (as source or target) with the real MAC in their link-layer
 * option: rewrite the option, the Ethernet source and the checksum; a
 * router that is not Active sends none (as ARP above).
 */
static unsigned int vrrp_nd_output(struct vrrp_port *port,
				   struct sk_buff *skb)
{
	unsigned int off = skb_network_offset(skb), len;
	struct vrrp_router *r = NULL;
	struct ipv6hdr *ip6h;
	union vrrp_ip addr;
	struct nd_msg *msg;
	u8 *opt;

	if (!pskb_may_pull(skb, off + sizeof(*ip6h) + sizeof(*msg)))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	if (ip6h->nexthdr != IPPROTO_ICMPV6)
		return NF_ACCEPT;
	len = ntohs(ip6h->payload_len);
	msg = (struct nd_msg *)(ip6h + 1);
	if (msg->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION &&
	    msg->icmph.icmp6_type != NDISC_NEIGHBOUR_ADVERTISEMENT)
		return NF_ACCEPT;
	addr.v6 = ip6h->saddr;
	r = vrrp_port_vip_owner_rcu(port, VRRP_FAMILY_INET6, &addr);
	if (!r && msg->icmph.icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT) {
		addr.v6 = msg->target;
		r = vrrp_port_vip_owner_rcu(port, VRRP_FAMILY_INET6, &addr);
	}
	if (!r)
		return NF_ACCEPT;
	if (!vrrp_is_active(r))
		return NF_DROP;
	if (len < sizeof(*msg) + 8 ||
	    !pskb_may_pull(skb, off + sizeof(*ip6h) + len) ||
	    skb_ensure_writable(skb, off + sizeof(*ip6h) + len))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	msg = (struct nd_msg *)(ip6h + 1);
	for (opt = msg->opt; opt + 8 <= (u8 *)msg + len && opt[1];
	     opt += opt[1] * 8) {
		if ((opt[0] == ND_OPT_SOURCE_LL_ADDR ||
		     opt[0] == ND_OPT_TARGET_LL_ADDR) && opt[1] == 1)
			ether_addr_copy(opt + 2, r->vmac);
	}
	msg->icmph.icmp6_cksum = 0;
	msg->icmph.icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr,
						 len, IPPROTO_ICMPV6,
						 csum_partial(msg, len, 0));
	skb->ip_summed = CHECKSUM_NONE;
	if (skb_mac_header_was_set(skb) && skb_mac_offset(skb) + ETH_HLEN <= off)
		ether_addr_copy(eth_hdr(skb)->h_source, r->vmac);
	return NF_ACCEPT;
}

/**
 * vrrp_egress() - the netdev egress hook of a port
 * @priv: the port
 * @skb: a frame leaving through the port's device
 * @state: the hook state (unused)
 *
 * Rewrites the kernel's own ARP and Neighbor Discovery for a virtual
 * address to the virtual MAC, and drops them while the router is not
 * Active.
 *
 * Context: softirq, RCU read lock held.
 * Return: the netfilter verdict.
 */
unsigned int vrrp_egress(void *priv, struct sk_buff *skb,
			 const struct nf_hook_state *state)
{
	struct vrrp_port *port = priv;

	if (vrrp_skb_vlan(skb))
		return NF_ACCEPT;
	if (skb->protocol == htons(ETH_P_ARP))
		return vrrp_arp_output(port, skb);
	if (skb->protocol == htons(ETH_P_IPV6))
		return vrrp_nd_output(port, skb);
	return NF_ACCEPT;
}

#if !VRRP_NF_EGRESS
/**
 * vrrp_output() - the ARP and IPv6 output hooks of a namespace (compat.h)
 * @priv: unused
 * @skb: an ARP packet (NF_ARP_OUT) or IPv6 packet (POST_ROUTING) of the
 *	namespace
 * @state: the hook state: its output device
 *
 * What vrrp_egress() does for the port of the output device, where a
 * kernel has no egress hook (compat.h).
 *
 * Context: softirq or process, RCU read lock held.
 * Return: the netfilter verdict.
 */
unsigned int vrrp_output(void *priv, struct sk_buff *skb,
			 const struct nf_hook_state *state)
{
	struct vrrp_port *port = vrrp_port_lookup_rcu(state->out);

	if (!port)
		return NF_ACCEPT;
	/* arp_create() built the Ethernet header without marking it. */
	if (!skb_mac_header_was_set(skb) &&
	    skb_network_offset(skb) == ETH_HLEN)
		skb_reset_mac_header(skb);
	return vrrp_egress(port, skb, state);
}
#endif
