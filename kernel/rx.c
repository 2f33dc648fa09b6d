// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: the IPPROTO_VRRP handlers for IPv4 and IPv6 and the validation
 * ladder of RFC 9568 section 7.1 (RFC 3768 section 7.1 for VRRPv2). Each
 * rejection is counted under its own reason and traced.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/protocol.h>

#include "vrrp.h"
#include "trace.h"

/* OpenBSD's struct carp_header: same protocol, group and version field */
#define CARP_HDR_LEN	36

/*
 * Addresses of the packet, in the router's family, and the packet (NULL
 * for a message given as a buffer).
 */
struct vrrp_rx_addrs {
	union vrrp_ip		saddr;
	union vrrp_ip		daddr;
	u8			ttl;
	const struct sk_buff	*skb;
};

/* The counter each reason to drop a packet for a known router increments */
static const size_t vrrp_drop_counter[] = {
	[VRRP_DROP_LENGTH]	= offsetof(struct vrrp_stats, packet_length_errors),
	[VRRP_DROP_TTL]		= offsetof(struct vrrp_stats, ip_ttl_errors),
	[VRRP_DROP_CARP]	= offsetof(struct vrrp_stats, rcvd_carp),
	[VRRP_DROP_VERSION]	= offsetof(struct vrrp_stats, version_errors),
	[VRRP_DROP_TYPE]	= offsetof(struct vrrp_stats, rcvd_invalid_type),
	[VRRP_DROP_CHECKSUM]	= offsetof(struct vrrp_stats, checksum_errors),
	[VRRP_DROP_INTERVAL]	= offsetof(struct vrrp_stats, adv_interval_errors),
	[VRRP_DROP_AUTH]	= offsetof(struct vrrp_stats, auth_type_errors),
	[VRRP_DROP_PEER]	= offsetof(struct vrrp_stats, peer_errors),
	[VRRP_DROP_OWNER]	= offsetof(struct vrrp_stats, owner_discards),
	[VRRP_DROP_ADDRS]	= offsetof(struct vrrp_stats, address_list_errors),
	[VRRP_DROP_V2_IGNORED]	= offsetof(struct vrrp_stats, v2_ignored),
	[VRRP_DROP_ANYCAST]	= offsetof(struct vrrp_stats, anycast_conflicts),
};

static void vrrp_rx_count(struct vrrp_router *r, enum vrrp_drop why)
{
	if (why == VRRP_DROP_NONE || why == VRRP_DROP_NO_ROUTER ||
	    WARN_ON_ONCE(why >= ARRAY_SIZE(vrrp_drop_counter)))
		return;
	(*(u64 *)((u8 *)&r->stats + vrrp_drop_counter[why]))++;
}

/*
 * CARP and VRRPv2 share protocol 112, the group and version 2. A CARP
 * header is 36 bytes whose fourth byte (authlen, 7) does not describe a
 * VRRPv2 address list of that length.
 */
static bool vrrp_rx_is_carp(const struct vrrp_hdr *vh, unsigned int len)
{
	return len == CARP_HDR_LEN &&
	       sizeof(*vh) + vh->naddr * 4 + 8 != CARP_HDR_LEN;
}

/* Does the advertised address list equal ours (in any order)? */
static bool vrrp_rx_addrs_match(const struct vrrp_router *r,
				const struct vrrp_addrs *a, const u8 *p,
				unsigned int naddr)
{
	unsigned int i, alen = vrrp_is_v6(r) ? 16 : 4;
	union vrrp_ip addr = {};

	if (naddr != a->nvips)
		return false;
	for (i = 0; i < naddr; i++, p += alen) {
		memcpy(&addr, p, alen);
		if (!vrrp_vip_match(a, r->family, &addr))
			return false;
	}
	return true;
}

static bool vrrp_rx_from_peer(const struct vrrp_router *r,
			      const struct vrrp_addrs *a,
			      const union vrrp_ip *saddr)
{
	unsigned int i;

	for (i = 0; i < a->npeers; i++) {
		if (vrrp_is_v6(r) ? ipv6_addr_equal(&a->peers[i].v6, &saddr->v6) :
				    a->peers[i].v4 == saddr->v4)
			return true;
	}
	return false;
}

static bool vrrp_rx_csum_ok(struct vrrp_router *r, const struct vrrp_hdr *vh,
			    unsigned int len, const struct vrrp_rx_addrs *ra)
{
	__wsum sum;

	/* Only the header and the address list are pulled: a longer
	 * message (a reassembled one, up to 64 KiB) is summed where it is.
	 */
	if (ra->skb && skb_headlen(ra->skb) < len)
		sum = skb_checksum(ra->skb, 0, len, 0);
	else
		sum = csum_partial(vh, len, 0);

	if (vrrp_is_v6(r))
		return !csum_ipv6_magic(&ra->saddr.v6, &ra->daddr.v6, len,
					IPPROTO_VRRP, sum);
	if ((vh->vers_type >> 4) == 2)
		return !csum_fold(sum);
	/* Both IPv4 VRRPv3 forms are in the field: with the pseudo-header
	 * (RFC 9568 5.2.8) and without it (the VRRPv2 way).
	 */
	if (!csum_tcpudp_magic(ra->saddr.v4, ra->daddr.v4, len, IPPROTO_VRRP,
			       sum)) {
		r->stats.csum_pseudo++;
		return true;
	}
	if (!csum_fold(sum)) {
		r->stats.csum_plain++;
		return true;
	}
	return false;
}

/*
 * RFC 9568 8.4.2: a Backup ignores the VRRPv2 advertisements of an Active
 * router that also sends VRRPv3 ones (which carry its exact interval).
 * Remembers the last VRRPv3 sender; its VRRPv2 copies are ignored until
 * it has been silent in VRRPv3 for three of its intervals. r->lock held.
 */
static bool vrrp_rx_v2_ignored(struct vrrp_router *r, u8 version,
			       const union vrrp_ip *saddr, u16 adver_cs)
{
	ktime_t now = ktime_get();

	if (version == 3) {
		r->v3_from = *saddr;
		r->v3_until = ktime_add_ms(now, 3 * vrrp_cs_to_ms(adver_cs));
		return false;
	}
	return r->v3_from.v4 == saddr->v4 && ktime_before(now, r->v3_until);
}

/*
 * The ladder, in a fixed order. On success *adver_cs is the sender's
 * interval. r->lock held.
 */
static enum vrrp_drop vrrp_rx_validate(struct vrrp_router *r,
				       const struct vrrp_addrs *a,
				       const struct vrrp_hdr *vh,
				       unsigned int len,
				       const struct vrrp_rx_addrs *ra,
				       u16 *adver_cs)
{
	unsigned int alen = vrrp_is_v6(r) ? 16 : 4, need;
	u8 version = vh->vers_type >> 4;
	u16 field = ntohs(vh->rsvd_maxadv);

	/* RFC 9568 7.1: TTL / hop limit 255, or it came from off-link. */
	if (ra->ttl != VRRP_TTL)
		return VRRP_DROP_TTL;
	if (version == CARP_VERSION && vrrp_rx_is_carp(vh, len))
		return VRRP_DROP_CARP;
	/* An anycast gateway elects nothing: a router of the link that
	 * advertises its VRID, in any version, runs VRRP for it against the
	 * configuration of the link.
	 */
	if (r->anycast)
		return VRRP_DROP_ANYCAST;
	/* RFC 9568 8.4.2: an interop router also listens to VRRPv2. */
	if (version != r->p.version && !(version == 2 && r->p.v2_compat))
		return VRRP_DROP_VERSION;
	if ((vh->vers_type & 0x0f) != VRRP_TYPE_ADVERT)
		return VRRP_DROP_TYPE;
	need = sizeof(*vh) + vh->naddr * alen + (version == 2 ? 8 : 0);
	if (len < need)
		return VRRP_DROP_LENGTH;
	if (!vrrp_rx_csum_ok(r, vh, len, ra))
		return VRRP_DROP_CHECKSUM;

	if (version == 2) {
		/* RFC 3768 7.1: no authentication, same interval. RFC 9568
		 * 8.4.2: an interop Backup times out on the VRRPv2 Active
		 * router's interval, seconds made centiseconds.
		 */
		if ((field >> 8) != VRRP_V2_AUTH_NONE)
			return VRRP_DROP_AUTH;
		*adver_cs = (field & 0xff) * 100;
		if (!*adver_cs || (r->p.version == 2 &&
				   *adver_cs != r->p.interval_cs))
			return VRRP_DROP_INTERVAL;
	} else {
		*adver_cs = field & VRRP_MAX_ADVER_INT;
		if (!*adver_cs)
			return VRRP_DROP_INTERVAL;
	}

	if (a->npeers && !vrrp_rx_from_peer(r, a, &ra->saddr))
		return VRRP_DROP_PEER;
	if (r->p.v2_compat && vrrp_rx_v2_ignored(r, version, &ra->saddr,
						 *adver_cs))
		return VRRP_DROP_V2_IGNORED;
	/* RFC 9568 7.1: the address owner discards advertisements; one
	 * that drains (drain.c) waits for the router taking over.
	 */
	if (r->p.priority == VRRP_PRIO_OWNER && !vrrp_is_draining(r))
		return VRRP_DROP_OWNER;

	/* RFC 9568 7.1: a different address list is a misconfiguration to
	 * report; the advertisement is still processed. RFC 3768 7.1:
	 * VRRPv2 drops it unless the sender is the owner.
	 */
	if (!vrrp_rx_addrs_match(r, a, (const u8 *)(vh + 1), vh->naddr)) {
		net_warn_ratelimited("%s vrid %u: address list differs from the sender's\n",
				     vrrp_dev(r)->name, r->vrid);
		if (version == 2 && vh->priority != VRRP_PRIO_OWNER)
			return VRRP_DROP_ADDRS;
		r->stats.address_list_errors++;
	}
	/* A VRRPv3 Backup learns the Active router's interval; a difference
	 * is only counted.
	 */
	if (version == 3 && *adver_cs != r->p.interval_cs)
		r->stats.adv_interval_errors++;
	return VRRP_DROP_NONE;
}

/*
 * @sdif is the device the packet came in on when that is enslaved to a
 * VRF, whose master has replaced skb->dev by now; 0 otherwise.
 */
static int vrrp_rcv(struct sk_buff *skb, int sdif, u8 family,
		    const struct vrrp_rx_addrs *ra)
{
	struct net_device *dev = skb->dev;
	unsigned int alen, need;
	const struct vrrp_hdr *vh;
	struct vrrp_port *port;
	struct vrrp_router *r;
	enum vrrp_drop why;
	u16 adver_cs = 0;
	u8 priority;

	if (!pskb_may_pull(skb, sizeof(*vh))) {
		atomic64_inc(&vrrp_pernet(dev_net(dev))->length_errors);
		trace_vrrp_drop(dev, family, 0, VRRP_DROP_LENGTH);
		goto drop;
	}
	vh = (const struct vrrp_hdr *)skb->data;

	rcu_read_lock();
	if (sdif)
		dev = dev_get_by_index_rcu(dev_net(dev), sdif) ?: dev;
	port = vrrp_port_lookup_rcu(dev);
	r = port ? rcu_dereference(port->routers[vrrp_fam_idx(family)][vh->vrid]) :
		   NULL;
	/* A deleted router still draining waits to hear the new Active. */
	if (!r && port)
		r = vrrp_drain_find_rcu(port, family, vh->vrid);
	if (!r) {
		atomic64_inc(&vrrp_pernet(dev_net(dev))->vrid_errors);
		trace_vrrp_drop(dev, family, vh->vrid, VRRP_DROP_NO_ROUTER);
		rcu_read_unlock();
		goto drop;
	}

	/* TTL and VRID decide first, then only what the address count
	 * needs is made linear (never the whole of a long message); the
	 * ladder finds a message shorter than that too short.
	 */
	alen = family == VRRP_FAMILY_INET6 ? 16 : 4;
	need = sizeof(*vh) + vh->naddr * alen;
	if ((vh->vers_type >> 4) == 2)
		need += 8;
	/* Fails only without memory: nothing to count against the sender. */
	if (ra->ttl == VRRP_TTL && !pskb_may_pull(skb, min(need, skb->len))) {
		rcu_read_unlock();
		goto drop;
	}
	vh = (const struct vrrp_hdr *)skb->data;

	spin_lock(&r->lock);
	why = vrrp_rx_validate(r, rcu_dereference(r->addrs), vh, skb->len, ra,
			       &adver_cs);
	vrrp_rx_count(r, why);
	spin_unlock(&r->lock);
	if (why != VRRP_DROP_NONE) {
		trace_vrrp_drop(dev, family, vh->vrid, why);
		rcu_read_unlock();
		goto drop;
	}
	priority = vh->priority;
	vrrp_fsm_advert(r, priority, adver_cs, &ra->saddr);
	/* And a deleted router of the VRID still draining (drain.c), maybe
	 * r itself: it goes when its drain ends.
	 */
	if (priority != VRRP_PRIO_STOP)
		vrrp_drain_heard_rcu(port, family, vh->vrid, adver_cs);
	rcu_read_unlock();
	consume_skb(skb);
	return 0;

drop:
	kfree_skb(skb);
	/* Not NET_RX_DROP: a positive return from an IPv6 handler (and a
	 * negative one from an IPv4 handler) asks the IP layer to resubmit
	 * the skb, freed by now, to another protocol.
	 */
	return 0;
}

static int vrrp_rcv4(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct vrrp_rx_addrs ra = {};

	ra.saddr.v4 = iph->saddr;
	ra.daddr.v4 = iph->daddr;
	ra.ttl = iph->ttl;
	ra.skb = skb;
	return vrrp_rcv(skb, inet_sdif(skb), VRRP_FAMILY_INET, &ra);
}

static int vrrp_rcv6(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct vrrp_rx_addrs ra = {};

	ra.saddr.v6 = ip6h->saddr;
	ra.daddr.v6 = ip6h->daddr;
	ra.ttl = ip6h->hop_limit;
	ra.skb = skb;
	return vrrp_rcv(skb, inet6_sdif(skb), VRRP_FAMILY_INET6, &ra);
}

static const struct net_protocol vrrp_protocol4 = {
	.handler	= vrrp_rcv4,
	.no_policy	= 1,
	VRRP_NET_PROTOCOL_NETNS
};

static const struct inet6_protocol vrrp_protocol6 = {
	.handler	= vrrp_rcv6,
	.flags		= INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};

/**
 * vrrp_rx_init() - take IP protocol 112 for IPv4 and IPv6
 *
 * Return: 0, or -EBUSY if another handler has it.
 */
int vrrp_rx_init(void)
{
	if (inet_add_protocol(&vrrp_protocol4, IPPROTO_VRRP) < 0)
		goto busy;
	if (inet6_add_protocol(&vrrp_protocol6, IPPROTO_VRRP) < 0) {
		inet_del_protocol(&vrrp_protocol4, IPPROTO_VRRP);
		goto busy;
	}
	return 0;

busy:
	pr_err("IP protocol %u is already taken\n", IPPROTO_VRRP);
	return -EBUSY;
}

/**
 * vrrp_rx_exit() - give IP protocol 112 back
 *
 * Waits for the receive path to leave the handlers.
 */
void vrrp_rx_exit(void)
{
	inet6_del_protocol(&vrrp_protocol6, IPPROTO_VRRP);
	inet_del_protocol(&vrrp_protocol4, IPPROTO_VRRP);
	synchronize_net();
}

#if IS_ENABLED(CONFIG_KUNIT)
#include "tests/rx_kunit.c"
#endif
