// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the receive validation ladder: kernel/rx.c itself,
 * compiled against shim/ (see shim/kshim.h), with the router lookup, the
 * address matcher and the state machine replaced by recorders.
 *
 * Input: byte 0 configures the router (bit 0 family v6, bit 1 VRRPv2,
 * bit 2 a unicast peer, bits 3-4 number of addresses - 1, bit 5 the packet
 * comes from the peer (with a peer) or the router is the address owner
 * (without), bit 7 the router is a deleted address owner still draining,
 * found in the port's drains); byte 1 is the TTL / hop limit (0 means
 * 255); the rest is the VRRP message, in a buffer of exactly its size so
 * that the address sanitizer sees any read past it.
 *
 * Checked for every input: the handler's return value (the IPv6 one
 * must not be positive), exactly one verdict (a router counter, a
 * namespace counter, or the state machine), and an accepted message
 * satisfies the RFC 9568 / RFC 3768 7.1 ladder as re-derived here. An
 * owner discards every advertisement, a draining owner none as the owner,
 * and the drains hear an accepted advertisement of priority other than 0
 * only when it was not a draining router that took it.
 */
#include <stdlib.h>

#include "../kernel/rx.c"

unsigned int vrrp_net_id;
static struct vrrp_net fz_vn;
static struct net fz_net;
static struct net_device fz_dev = { .name = "fz0", .ifindex = 2,
				    .nd_net = &fz_net };
static struct vrrp_port fz_port = { .dev = &fz_dev };
static struct vrrp_addrs *fz_addrs;
static struct vrrp_router fz_r;
static int fz_advert, fz_freed, fz_heard;
static bool fz_draining;
static u8 fz_vrid;
static u16 fz_adver_cs;

void *net_generic(const struct net *net, unsigned int id)
{
	return &fz_vn;
}

void kfree_skb(struct sk_buff *skb)
{
	fz_freed++;
}

void consume_skb(struct sk_buff *skb)
{
	fz_freed++;
}

int inet_add_protocol(const struct net_protocol *p, unsigned char n) { return 0; }
int inet_del_protocol(const struct net_protocol *p, unsigned char n) { return 0; }
int inet6_add_protocol(const struct inet6_protocol *p, unsigned char n) { return 0; }
int inet6_del_protocol(const struct inet6_protocol *p, unsigned char n) { return 0; }

struct vrrp_port *vrrp_port_lookup_rcu(const struct net_device *dev)
{
	return &fz_port;
}

/* The fuzzed router, when the input makes it a deleted one draining. */
struct vrrp_router *vrrp_drain_find_rcu(struct vrrp_port *port, u8 family,
					u8 vrid)
{
	if (fz_draining && family == fz_r.family && vrid == fz_vrid)
		return &fz_r;
	return NULL;
}

void vrrp_drain_heard_rcu(struct vrrp_port *port, u8 family, u8 vrid,
			  u16 adver_cs)
{
	if (family != fz_r.family || vrid != fz_vrid || !adver_cs)
		abort();
	fz_heard++;
}

/* As in port.c: is ADDR one of the virtual addresses? */
bool vrrp_vip_match(const struct vrrp_addrs *a, u8 family,
		    const union vrrp_ip *addr)
{
	unsigned int i;

	for (i = 0; i < a->nvips; i++) {
		if (family == VRRP_FAMILY_INET6 ?
		    ipv6_addr_equal(&a->vips[i].addr.v6, &addr->v6) :
		    a->vips[i].addr.v4 == addr->v4)
			return true;
	}
	return false;
}

void vrrp_fsm_advert(struct vrrp_router *r, u8 priority, u16 adver_cs,
		     const union vrrp_ip *saddr)
{
	fz_advert++;
	fz_adver_cs = adver_cs;
}

static u64 fz_sum(const struct vrrp_stats *s)
{
	return s->ip_ttl_errors + s->packet_length_errors + s->rcvd_carp +
	       s->version_errors + s->rcvd_invalid_type + s->checksum_errors +
	       s->auth_type_errors + s->peer_errors + s->owner_discards +
	       s->v2_ignored;
}

static bool fz_csum_ok(bool v6, int version, const u8 *m, unsigned int len,
		       const union vrrp_ip *s, const union vrrp_ip *d)
{
	__wsum sum = csum_partial(m, len, 0);

	if (v6)
		return !csum_ipv6_magic(&s->v6, &d->v6, len, 112, sum);
	if (version == 2)
		return !csum_fold(sum);
	return !csum_tcpudp_magic(s->v4, d->v4, len, 112, sum) ||
	       !csum_fold(sum);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned int alen, len, need, i, naddr;
	union vrrp_ip src = {}, dst = {};
	u64 drops, adv_err, net_before;
	struct ipv6hdr ip6 = {};
	struct iphdr ip4 = {};
	struct sk_buff skb = {};
	bool v6, v2, peer, compat, owner;
	u8 cfg, ttl, *msg;
	int version, ret;

	if (size < 2)
		return 0;
	cfg = data[0];
	ttl = data[1] ? data[1] : 255;
	len = size - 2;
	v6 = cfg & 1;
	v2 = !v6 && (cfg & 2);
	peer = cfg & 4;
	/* an IPv4 VRRPv3 router in RFC 9568 8.4 interop mode */
	compat = !v6 && !v2 && (cfg & 0x40);
	alen = v6 ? 16 : 4;

	memset(&fz_r, 0, sizeof(fz_r));
	/* Room for the most addresses and peers a configuration asks for */
	if (!fz_addrs)
		fz_addrs = vrrp_addrs_alloc(4, 1, GFP_KERNEL);
	if (!fz_addrs)
		return 0;
	memset(fz_addrs->vips, 0, 4 * sizeof(*fz_addrs->vips));
	memset(fz_addrs->peers, 0, sizeof(*fz_addrs->peers));
	fz_addrs->npeers = 0;
	fz_r.port = &fz_port;
	fz_r.family = v6 ? VRRP_FAMILY_INET6 : VRRP_FAMILY_INET;
	fz_r.p.version = v2 ? 2 : 3;
	fz_r.p.interval_cs = 100;
	fz_r.p.v2_compat = compat;
	fz_addrs->nvips = 1 + ((cfg >> 3) & 3);
	for (i = 0; i < fz_addrs->nvips; i++) {
		if (v6) {
			fz_addrs->vips[i].addr.v6.in6_u.u6_addr8[0] = 0xfe;
			fz_addrs->vips[i].addr.v6.in6_u.u6_addr8[1] = 0x80;
			fz_addrs->vips[i].addr.v6.in6_u.u6_addr8[15] = i + 1;
		} else {
			fz_addrs->vips[i].addr.v4 = htonl(0xc0000201 + i);
		}
	}
	if (v6) {
		src.v6.in6_u.u6_addr8[0] = 0xfe;
		src.v6.in6_u.u6_addr8[1] = 0x80;
		src.v6.in6_u.u6_addr8[15] = 0x64;
		dst.v6.in6_u.u6_addr8[0] = 0xff;
		dst.v6.in6_u.u6_addr8[1] = 0x02;
		dst.v6.in6_u.u6_addr8[15] = 0x12;
	} else {
		src.v4 = htonl(0xc0000264);
		dst.v4 = htonl(0xe0000012);
	}
	if (peer) {
		fz_addrs->npeers = 1;
		fz_addrs->peers[0] = src;
		if (cfg & 0x20)
			fz_addrs->peers[0].v4 ^= htonl(1);
	}
	fz_r.addrs = fz_addrs;

	/* Exactly LEN bytes: any read past the message is an ASan report. */
	msg = malloc(len ? len : 1);
	if (!msg)
		return 0;
	memcpy(msg, data + 2, len);
	fz_vrid = len >= 2 ? msg[1] : 0;
	/* A deleted owner draining: only in the port's drains. */
	fz_draining = cfg & 0x80;
	owner = fz_draining || (!peer && (cfg & 0x20));
	if (owner)
		fz_r.p.priority = VRRP_PRIO_OWNER;
	if (fz_draining)
		fz_r.drain_until = jiffies + 1000;
	else
		fz_port.routers[v6][fz_vrid] = &fz_r;

	skb.data = msg;
	skb.len = len;
	skb.dev = &fz_dev;
	if (v6) {
		ip6.saddr = src.v6;
		ip6.daddr = dst.v6;
		ip6.hop_limit = ttl;
		skb.nh = &ip6;
	} else {
		ip4.saddr = src.v4;
		ip4.daddr = dst.v4;
		ip4.ttl = ttl;
		skb.nh = &ip4;
	}

	fz_advert = 0;
	fz_freed = 0;
	fz_heard = 0;
	net_before = fz_vn.length_errors.counter + fz_vn.vrid_errors.counter;
	/*
	 * The IP layers' contracts: a negative return from an IPv4 handler,
	 * a positive one from an INET6_PROTO_FINAL IPv6 handler, is a next
	 * protocol to resubmit the (here already freed) skb to.
	 */
	ret = v6 ? vrrp_rcv6(&skb) : vrrp_rcv4(&skb);
	if (v6 ? ret > 0 : ret < 0)
		abort();
	fz_port.routers[v6][fz_vrid] = NULL;

	drops = fz_sum(&fz_r.stats);
	/* VRRPv2 drops a different address list (RFC 3768 7.1) under
	 * address_list_errors, which VRRPv3 only counts (so does a
	 * v2-compat router, for the VRRPv2 advertisements it hears).
	 */
	if ((v2 || compat) && !fz_advert)
		drops += fz_r.stats.address_list_errors;
	adv_err = fz_r.stats.adv_interval_errors;
	if (fz_freed != 1)
		abort();	/* the skb freed exactly once */
	if (fz_draining && fz_r.stats.owner_discards)
		abort();	/* a draining owner listens */
	if (fz_heard != (fz_advert && msg[2] != 0))
		abort();	/* the drains hear what the router took */
	if (len < sizeof(struct vrrp_hdr)) {
		if (fz_vn.length_errors.counter + fz_vn.vrid_errors.counter !=
		    net_before + 1 || drops || fz_advert)
			abort();
		free(msg);
		return 0;
	}
	/*
	 * One verdict: a drop counter, or the state machine; an interval
	 * drop shows only as adv_interval_errors, and a VRRPv3 interval
	 * difference is counted only on an advertisement that is processed.
	 */
	if (fz_advert ? drops != 0 : drops + (adv_err && !drops) != 1)
		abort();
	if (adv_err > 1 || (adv_err && drops))
		abort();
	if (fz_advert) {
		version = msg[0] >> 4;
		naddr = msg[3];
		need = 8 + naddr * alen + (version == 2 ? 8 : 0);
		if (ttl != 255 ||
		    (version != fz_r.p.version && !(compat && version == 2)) ||
		    (msg[0] & 0xf) != 1 || len < need ||
		    !fz_csum_ok(v6, version, msg, len, &src, &dst) ||
		    !fz_adver_cs || (version == 3 && fz_adver_cs > 0xfff) ||
		    (peer && (cfg & 0x20)) || (owner && !fz_draining))
			abort();
		if (version == 2 && (msg[4] != 0 || fz_adver_cs != msg[5] * 100 ||
				     (!compat && msg[5] != 1)))
			abort();
		if (version == 3 && fz_adver_cs != (((msg[4] << 8) | msg[5]) & 0xfff))
			abort();
	}
	free(msg);
	return 0;
}
