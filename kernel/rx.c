// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: the IPPROTO_VRRP handler for IPv4 and the validation ladder of
 * RFC 9568 section 7.1. Each rejection is counted under its own reason.
 */
#include <linux/ip.h>
#include <linux/skbuff.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/protocol.h>

#include "vrrp.h"

/* Why a packet addressed to one of our routers was dropped. */
enum vrrp_drop {
	VRRP_DROP_NONE,
	VRRP_DROP_TTL,
	VRRP_DROP_LENGTH,
	VRRP_DROP_VERSION,
	VRRP_DROP_TYPE,
	VRRP_DROP_CHECKSUM,
	VRRP_DROP_INTERVAL,
};

static void vrrp_rx_count(struct vrrp_router *r, enum vrrp_drop why)
{
	spin_lock(&r->lock);
	switch (why) {
	case VRRP_DROP_TTL:
		r->stats.ip_ttl_errors++;
		break;
	case VRRP_DROP_LENGTH:
		r->stats.packet_length_errors++;
		break;
	case VRRP_DROP_VERSION:
		r->stats.version_errors++;
		break;
	case VRRP_DROP_TYPE:
		r->stats.rcvd_invalid_type++;
		break;
	case VRRP_DROP_CHECKSUM:
		r->stats.checksum_errors++;
		break;
	case VRRP_DROP_INTERVAL:
		r->stats.adv_interval_errors++;
		break;
	case VRRP_DROP_NONE:
		break;
	}
	spin_unlock(&r->lock);
}

/* Does the advertised address list equal ours (in any order)? */
static bool vrrp_rx_addrs_match(const struct vrrp_router *r,
				const __be32 *addrs, unsigned int naddr)
{
	unsigned int i;

	if (naddr != r->nvips)
		return false;
	for (i = 0; i < naddr; i++)
		if (!vrrp_vip_match(r, addrs[i]))
			return false;
	return true;
}

static enum vrrp_drop vrrp_rx_validate(struct vrrp_router *r,
				       struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int len = skb->len;
	const struct vrrp_hdr *vh;
	bool pseudo, plain;
	__wsum sum;

	/* RFC 9568 7.1: TTL 255, or the packet came from off-link. */
	if (iph->ttl != VRRP_TTL)
		return VRRP_DROP_TTL;

	vh = (const struct vrrp_hdr *)skb->data;
	if (len < sizeof(*vh) + vh->naddr * sizeof(__be32))
		return VRRP_DROP_LENGTH;
	if ((vh->vers_type >> 4) != VRRP_VERSION)
		return VRRP_DROP_VERSION;
	if ((vh->vers_type & 0x0f) != VRRP_TYPE_ADVERT)
		return VRRP_DROP_TYPE;

	/* The whole message is in the linear area (see vrrp_rcv4()). Accept
	 * both IPv4 VRRPv3 checksum forms found in the field: with the
	 * pseudo-header (RFC 9568 5.2.8) and without (the VRRPv2 way).
	 */
	sum = csum_partial(vh, len, 0);
	pseudo = !csum_tcpudp_magic(iph->saddr, iph->daddr, len, IPPROTO_VRRP,
				    sum);
	plain = !pseudo && !csum_fold(sum);
	if (!pseudo && !plain)
		return VRRP_DROP_CHECKSUM;
	if (!(ntohs(vh->rsvd_maxadv) & VRRP_MAX_ADVER_INT))
		return VRRP_DROP_INTERVAL;

	spin_lock(&r->lock);
	if (pseudo)
		r->stats.csum_pseudo++;
	else
		r->stats.csum_plain++;
	/* A VRRPv3 Backup learns the interval of the Active router; a
	 * difference is only counted.
	 */
	if ((ntohs(vh->rsvd_maxadv) & VRRP_MAX_ADVER_INT) != r->interval_cs)
		r->stats.adv_interval_errors++;
	/* RFC 9568 7.1: a different address list is a misconfiguration to
	 * report; the advertisement is still processed.
	 */
	if (!vrrp_rx_addrs_match(r, (const __be32 *)(vh + 1), vh->naddr)) {
		r->stats.address_list_errors++;
		net_warn_ratelimited("%s vrid %u: address list differs from %pI4's\n",
				     vrrp_dev(r)->name, r->vrid, &iph->saddr);
	}
	spin_unlock(&r->lock);
	return VRRP_DROP_NONE;
}

static int vrrp_rcv4(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	const struct vrrp_hdr *vh;
	struct vrrp_port *port;
	struct vrrp_router *r;
	enum vrrp_drop why;

	/* Pull the whole message into the linear area: it is small. */
	if (!pskb_may_pull(skb, sizeof(*vh)) ||
	    !pskb_may_pull(skb, skb->len)) {
		atomic64_inc(&vrrp_pernet(dev_net(dev))->length_errors);
		goto drop;
	}
	vh = (const struct vrrp_hdr *)skb->data;

	rcu_read_lock();
	port = vrrp_port_lookup_rcu(dev);
	r = port ? rcu_dereference(port->v4[vh->vrid]) : NULL;
	if (!r) {
		rcu_read_unlock();
		atomic64_inc(&vrrp_pernet(dev_net(dev))->vrid_errors);
		goto drop;
	}

	why = vrrp_rx_validate(r, skb);
	if (why != VRRP_DROP_NONE) {
		vrrp_rx_count(r, why);
		rcu_read_unlock();
		goto drop;
	}
	vrrp_fsm_advert(r, vh->priority,
			ntohs(vh->rsvd_maxadv) & VRRP_MAX_ADVER_INT,
			ip_hdr(skb)->saddr);
	rcu_read_unlock();
	consume_skb(skb);
	return NET_RX_SUCCESS;

drop:
	kfree_skb(skb);
	return NET_RX_DROP;
}

static const struct net_protocol vrrp_protocol4 = {
	.handler	= vrrp_rcv4,
	.no_policy	= 1,
};

/**
 * vrrp_rx_init() - take IP protocol 112
 *
 * Return: 0, or -EBUSY if another handler has it.
 */
int vrrp_rx_init(void)
{
	if (inet_add_protocol(&vrrp_protocol4, IPPROTO_VRRP) < 0) {
		pr_err("IP protocol %u is already taken\n", IPPROTO_VRRP);
		return -EBUSY;
	}
	return 0;
}

/**
 * vrrp_rx_exit() - give IP protocol 112 back
 *
 * Waits for the receive path to leave the handler.
 */
void vrrp_rx_exit(void)
{
	inet_del_protocol(&vrrp_protocol4, IPPROTO_VRRP);
	synchronize_net();
}
