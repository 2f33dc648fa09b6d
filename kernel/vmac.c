// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual MAC: the netdev ingress hook that delivers frames sent to
 * the virtual MAC of an Active router and answers ARP and Neighbor
 * Solicitations for its virtual addresses, the netdev egress hook that
 * keeps the kernel's own ARP/ND from announcing a virtual address with
 * the real MAC, the unicast filter for the virtual MAC and Accept_Mode.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter_netdev.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "vrrp.h"

/* 00-00-5E-00-01-{VRID} (IPv4) and 00-00-5E-00-02-{VRID} (IPv6), 7.3 */
static const u8 vrrp_vmac_prefix[4] = { 0x00, 0x00, 0x5e, 0x00 };

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

	r = vrrp_port_vip_owner(port, VRRP_FAMILY_INET, &tip);
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
	r = vrrp_port_vip_owner(port, VRRP_FAMILY_INET6, &target);
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
 * A frame to a virtual MAC: eth_type_trans() marked it PACKET_OTHERHOST,
 * which IP drops. Deliver it while the router is Active, so forwarding
 * through the virtual gateway works, but accept packets addressed to a
 * virtual address itself only in Accept_Mode or as the owner (RFC 9568
 * 6.4.3).
 */
static unsigned int vrrp_vmac_input(struct vrrp_port *port,
				    struct sk_buff *skb, const u8 *dest)
{
	u8 family = dest[4] == 0x02 ? VRRP_FAMILY_INET6 : VRRP_FAMILY_INET;
	const struct ipv6hdr *ip6h;
	const struct iphdr *iph;
	struct ipv6hdr _ip6h;
	struct vrrp_router *r;
	union vrrp_ip daddr;
	struct iphdr _iph;
	bool accept;

	if (dest[4] != 0x01 && dest[4] != 0x02)
		return NF_ACCEPT;
	r = rcu_dereference(port->routers[vrrp_fam_idx(family)][dest[5]]);
	if (!r || !vrrp_is_active(r))
		return NF_ACCEPT;
	accept = READ_ONCE(r->p.accept) ||
		 READ_ONCE(r->p.priority) == VRRP_PRIO_OWNER;
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
		if (ip6h->nexthdr != IPPROTO_ICMPV6 &&
		    vrrp_vip_match(rcu_dereference(r->addrs), family, &daddr))
			return NF_DROP;
	}
	skb->pkt_type = PACKET_HOST;
	return NF_ACCEPT;
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
 * Delivers the frames sent to the virtual MAC of an Active router and
 * answers ARP and Neighbor Solicitations for the virtual addresses.
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
	r = vrrp_port_vip_owner(port, VRRP_FAMILY_INET, &sip);
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
	r = vrrp_port_vip_owner(port, VRRP_FAMILY_INET6, &addr);
	if (!r && msg->icmph.icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT) {
		addr.v6 = msg->target;
		r = vrrp_port_vip_owner(port, VRRP_FAMILY_INET6, &addr);
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

/**
 * vrrp_vmac_install() - put a new router's vMAC in its device's unicast
 *	filter
 * @r: the router
 * @extack: for the reason of a failure
 *
 * For the router's whole life, Active or not: a takeover then needs
 * nothing that waits for rtnl. A Backup with the entry receives frames
 * to the vMAC but the ingress hook marks them for the host only while
 * Active: until then they stay PACKET_OTHERHOST and IP drops them.
 *
 * Context: rtnl held.
 * Return: 0 or a negative errno.
 */
int vrrp_vmac_install(struct vrrp_router *r, struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	err = dev_uc_add(vrrp_dev(r), r->vmac);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "cannot add the virtual MAC to the unicast filter");
		return err;
	}
	r->uc_installed = true;
	return 0;
}

/**
 * vrrp_sync_now() - remove the vMAC filter of a router being deleted
 * @r: the router, dead
 *
 * Context: rtnl held.
 */
void vrrp_sync_now(struct vrrp_router *r)
{
	ASSERT_RTNL();
	if (!r->uc_installed)
		return;
	dev_uc_del(vrrp_dev(r), r->vmac);
	r->uc_installed = false;
}

/*
 * Accept_Mode: the virtual addresses become local addresses of the
 * interface while Active. inet_insert_ifa() and inet6_addr_add() are not
 * exported, so this speaks rtnetlink to the namespace from process context
 * without rtnl held, as "ip addr" would.
 */
static int vrrp_addr_request(struct net *net, int cmd, int ifindex,
			     u8 family, const struct vrrp_vip *vip)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr		nlh;
		struct ifaddrmsg	ifa;
		char			attrs[64];
	} req = {};
	struct msghdr msg = {
		.msg_name	= &kernel,
		.msg_namelen	= sizeof(kernel),
	};
	unsigned int alen = family == VRRP_FAMILY_INET6 ? 16 : 4;
	struct nlmsgerr *err;
	struct socket *sock;
	struct nlattr *nla;
	struct kvec iov;
	char buf[256];
	int ret;

	ret = sock_create_kern(net, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, &sock);
	if (ret)
		return ret;

	req.nlh.nlmsg_type = cmd;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (cmd == RTM_NEWADDR)
		req.nlh.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	req.nlh.nlmsg_seq = 1;
	req.ifa.ifa_family = family == VRRP_FAMILY_INET6 ? AF_INET6 : AF_INET;
	req.ifa.ifa_prefixlen = vip->prefixlen;
	req.ifa.ifa_index = ifindex;
	if (family == VRRP_FAMILY_INET6 && ipv6_addr_type(&vip->addr.v6) &
	    IPV6_ADDR_LINKLOCAL)
		req.ifa.ifa_scope = RT_SCOPE_LINK;
	nla = (struct nlattr *)req.attrs;
	nla->nla_type = IFA_LOCAL;
	nla->nla_len = nla_attr_size(alen);
	memcpy(nla_data(nla), &vip->addr, alen);
	nla = (struct nlattr *)((char *)nla + nla_total_size(alen));
	nla->nla_type = IFA_ADDRESS;
	nla->nla_len = nla_attr_size(alen);
	memcpy(nla_data(nla), &vip->addr, alen);
	nla = (struct nlattr *)((char *)nla + nla_total_size(alen));
	nla->nla_type = IFA_FLAGS;
	nla->nla_len = nla_attr_size(sizeof(u32));
	*(u32 *)nla_data(nla) = IFA_F_NODAD;
	/* Marks it as ours: not an address of the interface for add/set. */
	nla = (struct nlattr *)((char *)nla + nla_total_size(sizeof(u32)));
	nla->nla_type = IFA_PROTO;
	nla->nla_len = nla_attr_size(sizeof(u8));
	*(u8 *)nla_data(nla) = VRRP_IFA_PROTO;
	req.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifa)) +
			    2 * nla_total_size(alen) +
			    nla_total_size(sizeof(u32)) +
			    nla_total_size(sizeof(u8));

	iov.iov_base = &req;
	iov.iov_len = req.nlh.nlmsg_len;
	ret = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
	if (ret < 0)
		goto out;
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	ret = kernel_recvmsg(sock, &msg, &iov, 1, sizeof(buf), 0);
	if (ret < (int)NLMSG_LENGTH(sizeof(*err))) {
		ret = ret < 0 ? ret : -EPROTO;
		goto out;
	}
	err = nlmsg_data((struct nlmsghdr *)buf);
	ret = err->error;
out:
	sock_release(sock);
	return ret;
}

/* Install or remove the Accept_Mode addresses; process context. */
static void vrrp_sync_accept(struct vrrp_router *r, struct net *net,
			     int ifindex, struct vrrp_addrs *want)
{
	struct vrrp_addrs *have = r->accept_installed;
	unsigned int i;
	int err;

	if (have) {
		for (i = 0; i < have->nvips; i++) {
			if (vrrp_vip_match(want, r->family, &have->vips[i].addr))
				continue;
			vrrp_addr_request(net, RTM_DELADDR, ifindex, r->family,
					  &have->vips[i]);
		}
	}
	if (want) {
		for (i = 0; i < want->nvips; i++) {
			if (vrrp_vip_match(have, r->family, &want->vips[i].addr))
				continue;
			err = vrrp_addr_request(net, RTM_NEWADDR, ifindex,
						r->family, &want->vips[i]);
			/* An address configured by hand (the owner's) is not
			 * ours to remove later.
			 */
			if (err) {
				want->vips[i].prefixlen = 0xff;
				if (err != -EEXIST)
					net_warn_ratelimited("vrrp: cannot add a virtual address: %d\n",
							     err);
			}
		}
		/* Keep only what we added. */
		for (i = 0; i < want->nvips; ) {
			if (want->vips[i].prefixlen == 0xff)
				want->vips[i] = want->vips[--want->nvips];
			else
				i++;
		}
	}
	kfree(have);
	r->accept_installed = want;
}

static void vrrp_sync_work(struct work_struct *work)
{
	struct vrrp_router *r = container_of(work, struct vrrp_router,
					     sync_work);
	struct vrrp_addrs *want = NULL;
	struct net *net = NULL;
	int ifindex = 0;

	rtnl_lock();
	if (!r->dead) {
		vrrp_port_snm_sync(r, rtnl_dereference(r->addrs));
		net = maybe_get_net(dev_net(vrrp_dev(r)));
		ifindex = vrrp_dev(r)->ifindex;
		if (vrrp_is_active(r) &&
		    (r->p.accept || r->p.priority == VRRP_PRIO_OWNER))
			want = vrrp_addrs_dup(rtnl_dereference(r->addrs),
					      GFP_KERNEL);
	} else {
		/* vrrp_router_delete() left us the namespace, if alive. */
		net = r->sync_net;
		r->sync_net = NULL;
		ifindex = r->sync_ifindex;
	}
	rtnl_unlock();

	if (net && (want || r->accept_installed))
		vrrp_sync_accept(r, net, ifindex, want);
	else
		kfree(want);
	if (net)
		put_net(net);
	vrrp_router_put(r);
}

/**
 * vrrp_sync_schedule() - have the Accept_Mode addresses follow the
 *	router's state, soon, in process context
 * @r: the router whose state or addresses changed
 *
 * Frames to the virtual MAC are delivered by the ingress hook as soon as
 * the state changes (the filter entry is there from the router's
 * creation); the addresses follow from a work item, since the timer can
 * take neither rtnl nor sleep.
 *
 * Context: any.
 */
void vrrp_sync_schedule(struct vrrp_router *r)
{
	refcount_inc(&r->refcnt);
	if (!queue_work(vrrp_wq, &r->sync_work))
		vrrp_router_put(r);
}

/**
 * vrrp_vmac_init_router() - prepare the vMAC side of a new router
 * @r: the router, with family and vrid set
 */
void vrrp_vmac_init_router(struct vrrp_router *r)
{
	memcpy(r->vmac, vrrp_vmac_prefix, sizeof(vrrp_vmac_prefix));
	r->vmac[4] = vrrp_is_v6(r) ? 0x02 : 0x01;
	r->vmac[5] = r->vrid;
	INIT_WORK(&r->sync_work, vrrp_sync_work);
}
