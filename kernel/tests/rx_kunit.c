// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit cases for the receive validation ladder (rx.c): every rejection
 * reason, the order of the checks, and both IPv4 VRRPv3 checksum forms.
 * #included at the end of rx.c, so the static functions are reachable;
 * built only against a kernel with KUnit (the debug kernel of the VM
 * suite) and run when the module loads.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>

#define VRRP_TEST_BUF	128

enum vrrp_test_csum {
	VRRP_TEST_CSUM_PSEUDO,	/* with the pseudo-header (RFC 9568 5.2.8) */
	VRRP_TEST_CSUM_PLAIN,	/* over the VRRP message only (RFC 3768) */
	VRRP_TEST_CSUM_BAD,
};

struct vrrp_test_rx {
	struct net_device	*dev;
	struct vrrp_port	port;
	struct vrrp_router	r;
	struct vrrp_addrs	*a;
	struct vrrp_rx_addrs	ra;
	u8			buf[VRRP_TEST_BUF];
	unsigned int		len;
};

#define vrrp_test_vip4	htonl(0xc0000201)	/* 192.0.2.1 */
#define vrrp_test_src4	htonl(0xc0000203)	/* 192.0.2.3 */
#define vrrp_test_grp4	htonl(0xe0000012)	/* 224.0.0.18 */

static void vrrp_test_v6(struct in6_addr *a, u16 first, u8 last)
{
	memset(a, 0, sizeof(*a));
	a->s6_addr16[0] = htons(first);
	a->s6_addr[15] = last;
}

/* A router of @family and @version at priority 100 with one VIP. */
static struct vrrp_test_rx *vrrp_test_router(struct kunit *test, u8 family,
					     u8 version)
{
	struct vrrp_test_rx *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->dev = test->priv;
	t->port.dev = t->dev;
	t->r.port = &t->port;
	t->r.family = family;
	t->r.vrid = 10;
	t->r.p.version = version;
	t->r.p.priority = 100;
	t->r.p.interval_cs = 100;
	/* Room for one address and one peer, as vrrp_addrs_alloc() */
	t->a = kunit_kzalloc(test, vrrp_addrs_size(1, 1), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->a);
	t->a->peers = (union vrrp_ip *)&t->a->vips[1];
	t->a->nvips = 1;
	t->ra.ttl = VRRP_TTL;
	if (family == VRRP_FAMILY_INET6) {
		vrrp_test_v6(&t->a->vips[0].addr.v6, 0xfe80, 1);
		vrrp_test_v6(&t->ra.saddr.v6, 0xfe80, 3);
		vrrp_test_v6(&t->ra.daddr.v6, 0xff02, 0x12);
	} else {
		t->a->vips[0].addr.v4 = vrrp_test_vip4;
		t->ra.saddr.v4 = vrrp_test_src4;
		t->ra.daddr.v4 = vrrp_test_grp4;
	}
	return t;
}

/*
 * Write an advertisement for @t's router into t->buf: the router's VIP
 * list, its version and interval, priority @prio, checksummed as @csum.
 */
static void vrrp_test_advert(struct vrrp_test_rx *t, u8 prio,
			     enum vrrp_test_csum csum)
{
	struct vrrp_hdr *vh = (struct vrrp_hdr *)t->buf;
	bool v6 = vrrp_is_v6(&t->r);
	unsigned int i, alen = v6 ? 16 : 4;
	u8 *p = t->buf + sizeof(*vh);
	__wsum sum;

	memset(t->buf, 0, sizeof(t->buf));
	vh->vers_type = t->r.p.version << 4 | VRRP_TYPE_ADVERT;
	vh->vrid = t->r.vrid;
	vh->priority = prio;
	vh->naddr = t->a->nvips;
	if (t->r.p.version == 2)
		vh->rsvd_maxadv = htons(t->r.p.interval_cs / 100);
	else
		vh->rsvd_maxadv = htons(t->r.p.interval_cs);
	for (i = 0; i < t->a->nvips; i++, p += alen)
		memcpy(p, &t->a->vips[i].addr, alen);
	t->len = p - t->buf + (t->r.p.version == 2 ? 8 : 0);

	sum = csum_partial(t->buf, t->len, 0);
	if (v6)
		vh->csum = csum_ipv6_magic(&t->ra.saddr.v6, &t->ra.daddr.v6,
					   t->len, IPPROTO_VRRP, sum);
	else if (csum == VRRP_TEST_CSUM_PSEUDO && t->r.p.version == 3)
		vh->csum = csum_tcpudp_magic(t->ra.saddr.v4, t->ra.daddr.v4,
					     t->len, IPPROTO_VRRP, sum);
	else
		vh->csum = csum_fold(sum);
	if (csum == VRRP_TEST_CSUM_BAD)
		vh->csum = (__force __sum16)((__force u16)vh->csum ^ 0x0101);
}

/* Recompute the checksum after a field was changed by a case. */
static void vrrp_test_resum(struct vrrp_test_rx *t, enum vrrp_test_csum csum)
{
	struct vrrp_hdr *vh = (struct vrrp_hdr *)t->buf;
	bool v6 = vrrp_is_v6(&t->r);
	__wsum sum;

	vh->csum = 0;
	sum = csum_partial(t->buf, t->len, 0);
	if (v6)
		vh->csum = csum_ipv6_magic(&t->ra.saddr.v6, &t->ra.daddr.v6,
					   t->len, IPPROTO_VRRP, sum);
	else if (csum == VRRP_TEST_CSUM_PSEUDO)
		vh->csum = csum_tcpudp_magic(t->ra.saddr.v4, t->ra.daddr.v4,
					     t->len, IPPROTO_VRRP, sum);
	else
		vh->csum = csum_fold(sum);
}

static enum vrrp_drop vrrp_test_validate(struct vrrp_test_rx *t, u16 *cs)
{
	u16 unused;

	return vrrp_rx_validate(&t->r, t->a, (struct vrrp_hdr *)t->buf,
				t->len, &t->ra, cs ? cs : &unused);
}

static struct vrrp_hdr *vrrp_test_hdr(struct vrrp_test_rx *t)
{
	return (struct vrrp_hdr *)t->buf;
}

/* Well-formed advertisements of every version and family pass. */
static void vrrp_test_rx_valid(struct kunit *test)
{
	struct vrrp_test_rx *t;
	u16 cs = 0;

	t = vrrp_test_router(test, VRRP_FAMILY_INET, 3);
	t->r.p.interval_cs = 37;
	vrrp_test_advert(t, 150, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, &cs), VRRP_DROP_NONE);
	KUNIT_EXPECT_EQ(test, cs, 37);

	t = vrrp_test_router(test, VRRP_FAMILY_INET6, 3);
	vrrp_test_advert(t, 150, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, &cs), VRRP_DROP_NONE);
	KUNIT_EXPECT_EQ(test, cs, 100);

	t = vrrp_test_router(test, VRRP_FAMILY_INET, 2);
	t->r.p.interval_cs = 300;
	vrrp_test_advert(t, 150, VRRP_TEST_CSUM_PLAIN);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, &cs), VRRP_DROP_NONE);
	KUNIT_EXPECT_EQ(test, cs, 300);
}

/* IPv4 VRRPv3: both checksum forms are accepted, and counted apart. */
static void vrrp_test_rx_csum_forms(struct kunit *test)
{
	struct vrrp_test_rx *t = vrrp_test_router(test, VRRP_FAMILY_INET, 3);

	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_NONE);
	KUNIT_EXPECT_EQ(test, t->r.stats.csum_pseudo, 1);
	KUNIT_EXPECT_EQ(test, t->r.stats.csum_plain, 0);

	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PLAIN);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_NONE);
	KUNIT_EXPECT_EQ(test, t->r.stats.csum_pseudo, 1);
	KUNIT_EXPECT_EQ(test, t->r.stats.csum_plain, 1);

	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_BAD);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_CHECKSUM);

	/* the pseudo-header covers the source: another source, bad sum */
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	t->ra.saddr.v4 = htonl(0xc0000204);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_CHECKSUM);
}

/* VRRPv2 and IPv6 have one checksum form each; the other is refused. */
static void vrrp_test_rx_csum_single_form(struct kunit *test)
{
	struct vrrp_test_rx *t = vrrp_test_router(test, VRRP_FAMILY_INET, 2);

	t->r.p.interval_cs = 100;
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PLAIN);
	vrrp_test_resum(t, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_CHECKSUM);

	t = vrrp_test_router(test, VRRP_FAMILY_INET6, 3);
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	vrrp_test_hdr(t)->csum = 0;
	vrrp_test_hdr(t)->csum = csum_fold(csum_partial(t->buf, t->len, 0));
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_CHECKSUM);
}

/* One rejection per case, each for exactly one reason. */
static void vrrp_test_rx_reasons(struct kunit *test)
{
	struct vrrp_test_rx *t;

	/* RFC 9568 7.1: TTL / hop limit must be 255 */
	t = vrrp_test_router(test, VRRP_FAMILY_INET, 3);
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	t->ra.ttl = 254;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_TTL);

	t = vrrp_test_router(test, VRRP_FAMILY_INET6, 3);
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	t->ra.ttl = 1;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_TTL);

	/* version: a VRRPv2 advertisement to a VRRPv3 router */
	t = vrrp_test_router(test, VRRP_FAMILY_INET, 3);
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	vrrp_test_hdr(t)->vers_type = 2 << 4 | VRRP_TYPE_ADVERT;
	vrrp_test_resum(t, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_VERSION);

	/* type: only ADVERTISEMENT (1) exists */
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	vrrp_test_hdr(t)->vers_type = 3 << 4 | 2;
	vrrp_test_resum(t, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_TYPE);

	/* length: the address count promises more than the packet holds */
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	vrrp_test_hdr(t)->naddr = 2;
	vrrp_test_resum(t, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_LENGTH);

	/* interval: 0 is not an interval */
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	vrrp_test_hdr(t)->rsvd_maxadv = 0;
	vrrp_test_resum(t, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_INTERVAL);

	/* peers: with unicast peers, only they are heard */
	t->a->npeers = 1;
	t->a->peers[0].v4 = htonl(0xc0000209);
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_PEER);
	t->a->peers[0].v4 = vrrp_test_src4;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_NONE);

	/* RFC 9568 7.1: the address owner discards advertisements */
	t = vrrp_test_router(test, VRRP_FAMILY_INET6, 3);
	t->r.p.priority = VRRP_PRIO_OWNER;
	vrrp_test_advert(t, 255, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_OWNER);

	/* VRRPv2: authentication type 0 only, the same interval only */
	t = vrrp_test_router(test, VRRP_FAMILY_INET, 2);
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PLAIN);
	vrrp_test_hdr(t)->rsvd_maxadv = htons(1 << 8 | 1);
	vrrp_test_resum(t, VRRP_TEST_CSUM_PLAIN);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_AUTH);
	vrrp_test_hdr(t)->rsvd_maxadv = htons(2);
	vrrp_test_resum(t, VRRP_TEST_CSUM_PLAIN);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_INTERVAL);
}

/*
 * A different address list: VRRPv2 drops it unless the sender is the
 * owner (RFC 3768 7.1); VRRPv3 counts it and goes on (RFC 9568 7.1).
 */
static void vrrp_test_rx_addr_list(struct kunit *test)
{
	struct vrrp_test_rx *t = vrrp_test_router(test, VRRP_FAMILY_INET, 2);
	__be32 other = htonl(0xc0000263);

	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PLAIN);
	memcpy(t->buf + sizeof(struct vrrp_hdr), &other, 4);
	vrrp_test_resum(t, VRRP_TEST_CSUM_PLAIN);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_ADDRS);
	vrrp_test_hdr(t)->priority = VRRP_PRIO_OWNER;
	vrrp_test_resum(t, VRRP_TEST_CSUM_PLAIN);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_NONE);

	t = vrrp_test_router(test, VRRP_FAMILY_INET, 3);
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_PSEUDO);
	memcpy(t->buf + sizeof(struct vrrp_hdr), &other, 4);
	vrrp_test_resum(t, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_NONE);
	KUNIT_EXPECT_EQ(test, t->r.stats.address_list_errors, 1);

	/* a learned interval different from ours is only counted */
	vrrp_test_hdr(t)->rsvd_maxadv = htons(50);
	vrrp_test_resum(t, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_NONE);
	KUNIT_EXPECT_EQ(test, t->r.stats.adv_interval_errors, 1);
}

/* CARP (same protocol and group, version 2) is told apart from VRRPv2. */
static void vrrp_test_rx_carp(struct kunit *test)
{
	struct vrrp_test_rx *t = vrrp_test_router(test, VRRP_FAMILY_INET, 2);
	struct vrrp_hdr *vh = vrrp_test_hdr(t);

	memset(t->buf, 0, sizeof(t->buf));
	vh->vers_type = 2 << 4 | VRRP_TYPE_ADVERT;
	vh->vrid = t->r.vrid;
	vh->naddr = 7;		/* carp_authlen */
	t->len = CARP_HDR_LEN;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_CARP);
}

/*
 * The ladder's order: a packet wrong in several ways is rejected for the
 * first check it fails, so each counter means one thing.
 */
static void vrrp_test_rx_order(struct kunit *test)
{
	struct vrrp_test_rx *t = vrrp_test_router(test, VRRP_FAMILY_INET, 3);
	struct vrrp_hdr *vh = vrrp_test_hdr(t);

	/* wrong TTL, version, type, length and checksum: TTL */
	vrrp_test_advert(t, 100, VRRP_TEST_CSUM_BAD);
	vh->vers_type = 2 << 4 | 3;
	vh->naddr = 9;
	t->ra.ttl = 64;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_TTL);
	/* then the version */
	t->ra.ttl = VRRP_TTL;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_VERSION);
	/* then the type */
	vh->vers_type = 3 << 4 | 3;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_TYPE);
	/* then the length */
	vh->vers_type = 3 << 4 | VRRP_TYPE_ADVERT;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_LENGTH);
	/* then the checksum */
	vh->naddr = 1;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_CHECKSUM);
	/* the owner is checked after the checksum: a bad packet is counted
	 * as bad, not as discarded by the owner
	 */
	t->r.p.priority = VRRP_PRIO_OWNER;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_CHECKSUM);
}

/* Every rejection reason increments its own counter. */
static void vrrp_test_rx_counters(struct kunit *test)
{
	struct vrrp_test_rx *t = vrrp_test_router(test, VRRP_FAMILY_INET, 3);
	static const struct {
		enum vrrp_drop	why;
		size_t		off;
	} map[] = {
		{ VRRP_DROP_TTL, offsetof(struct vrrp_stats, ip_ttl_errors) },
		{ VRRP_DROP_LENGTH,
		  offsetof(struct vrrp_stats, packet_length_errors) },
		{ VRRP_DROP_CARP, offsetof(struct vrrp_stats, rcvd_carp) },
		{ VRRP_DROP_VERSION,
		  offsetof(struct vrrp_stats, version_errors) },
		{ VRRP_DROP_TYPE,
		  offsetof(struct vrrp_stats, rcvd_invalid_type) },
		{ VRRP_DROP_CHECKSUM,
		  offsetof(struct vrrp_stats, checksum_errors) },
		{ VRRP_DROP_INTERVAL,
		  offsetof(struct vrrp_stats, adv_interval_errors) },
		{ VRRP_DROP_AUTH, offsetof(struct vrrp_stats, auth_type_errors) },
		{ VRRP_DROP_PEER, offsetof(struct vrrp_stats, peer_errors) },
		{ VRRP_DROP_OWNER, offsetof(struct vrrp_stats, owner_discards) },
		{ VRRP_DROP_V2_IGNORED, offsetof(struct vrrp_stats, v2_ignored) },
		{ VRRP_DROP_ANYCAST,
		  offsetof(struct vrrp_stats, anycast_conflicts) },
		{ VRRP_DROP_ADDRS,
		  offsetof(struct vrrp_stats, address_list_errors) },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(map); i++) {
		u8 *stats = (u8 *)&t->r.stats;

		memset(&t->r.stats, 0, sizeof(t->r.stats));
		vrrp_rx_count(&t->r, map[i].why);
		KUNIT_EXPECT_EQ_MSG(test, *(u64 *)(stats + map[i].off), 1,
				    "reason %d", map[i].why);
		/* and nothing else */
		*(u64 *)(stats + map[i].off) = 0;
		KUNIT_EXPECT_TRUE_MSG(test,
				      !memchr_inv(stats, 0, sizeof(t->r.stats)),
				      "reason %d", map[i].why);
	}
}

/*
 * RFC 9568 8.4.2: a VRRPv3 router in v2-compat mode hears VRRPv2 (its
 * interval in seconds made centiseconds), and ignores the VRRPv2 copies
 * of a router it also hears in VRRPv3 for three of that router's
 * intervals.
 */
static void vrrp_test_rx_v2_compat(struct kunit *test)
{
	struct vrrp_test_rx *t = vrrp_test_router(test, VRRP_FAMILY_INET, 2);
	u8 v2[VRRP_TEST_BUF];
	unsigned int v2len;
	u16 cs = 0;

	/* a VRRPv2 advertisement, 1 s */
	vrrp_test_advert(t, 150, VRRP_TEST_CSUM_PLAIN);
	memcpy(v2, t->buf, sizeof(v2));
	v2len = t->len;

	/* to a plain VRRPv3 router: the wrong version */
	t->r.p.version = 3;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_VERSION);
	/* in v2-compat mode: heard, with its interval */
	t->r.p.v2_compat = true;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, &cs), VRRP_DROP_NONE);
	KUNIT_EXPECT_EQ(test, cs, 100);

	/* the same sender heard in VRRPv3: its v2 copies are ignored */
	vrrp_test_advert(t, 150, VRRP_TEST_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_NONE);
	memcpy(t->buf, v2, sizeof(v2));
	t->len = v2len;
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL),
			VRRP_DROP_V2_IGNORED);
	/* but not another sender's */
	t->ra.saddr.v4 = htonl(0xc0000204);
	KUNIT_EXPECT_EQ(test, vrrp_test_validate(t, NULL), VRRP_DROP_NONE);
}

static int vrrp_test_rx_init(struct kunit *test)
{
	test->priv = alloc_netdev(0, "vrrpkunit%d", NET_NAME_ENUM,
				  ether_setup);
	return test->priv ? 0 : -ENOMEM;
}

static void vrrp_test_rx_exit(struct kunit *test)
{
	free_netdev(test->priv);
}

static struct kunit_case vrrp_rx_cases[] = {
	KUNIT_CASE(vrrp_test_rx_valid),
	KUNIT_CASE(vrrp_test_rx_csum_forms),
	KUNIT_CASE(vrrp_test_rx_csum_single_form),
	KUNIT_CASE(vrrp_test_rx_reasons),
	KUNIT_CASE(vrrp_test_rx_addr_list),
	KUNIT_CASE(vrrp_test_rx_carp),
	KUNIT_CASE(vrrp_test_rx_order),
	KUNIT_CASE(vrrp_test_rx_counters),
	KUNIT_CASE(vrrp_test_rx_v2_compat),
	{}
};

static struct kunit_suite vrrp_rx_suite = {
	.name = "vrrp_rx",
	.init = vrrp_test_rx_init,
	.exit = vrrp_test_rx_exit,
	.test_cases = vrrp_rx_cases,
};

kunit_test_suite(vrrp_rx_suite);
