// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit cases for the election logic of fsm.c: the primary address
 * comparison of RFC 9568 6.4.3, the priority comparison, and the timers a
 * Backup derives from a learned interval (VRRPv3) or the fixed one
 * (VRRPv2). #included at the end of fsm.c; built only against a kernel
 * with KUnit and run when the module loads.
 */
#include <kunit/test.h>

/* struct vrrp_router is too large for a KASAN stack frame. */
static struct vrrp_router *vrrp_test_fsm_router(struct kunit *test,
						u8 family)
{
	struct vrrp_router *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->family = family;
	return r;
}

static union vrrp_ip vrrp_test_ip4(u32 host)
{
	union vrrp_ip a = {};

	a.v4 = htonl(host);
	return a;
}

static union vrrp_ip vrrp_test_ip6(u16 first, u8 byte, u8 last)
{
	union vrrp_ip a = {};

	a.v6.s6_addr16[0] = htons(first);
	a.v6.s6_addr[8] = byte;
	a.v6.s6_addr[15] = last;
	return a;
}

/*
 * Addresses compare as unsigned integers in network byte order: never as
 * host-order or signed values, never by their last byte only.
 */
static void vrrp_test_addr_cmp4(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_fsm_router(test, VRRP_FAMILY_INET);
	static const struct {
		u32 a, b;
	} greater[] = {
		{ 0xc0000201, 0x0a000002 },	/* 192.0.2.1 > 10.0.0.2 */
		{ 0x80000001, 0x7fffffff },	/* the sign bit */
		{ 0x0a000100, 0x0a0000ff },	/* not by the last byte */
		{ 0x01000000, 0x000000ff },	/* not in host order */
		{ 0xffffffff, 0x00000000 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(greater); i++) {
		union vrrp_ip a = vrrp_test_ip4(greater[i].a);
		union vrrp_ip b = vrrp_test_ip4(greater[i].b);

		KUNIT_EXPECT_GT_MSG(test, vrrp_fsm_addr_cmp(r, &a, &b), 0,
				    "%pI4 > %pI4", &a.v4, &b.v4);
		KUNIT_EXPECT_LT_MSG(test, vrrp_fsm_addr_cmp(r, &b, &a), 0,
				    "%pI4 < %pI4", &b.v4, &a.v4);
		KUNIT_EXPECT_EQ(test, vrrp_fsm_addr_cmp(r, &a, &a), 0);
	}
}

static void vrrp_test_addr_cmp6(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_fsm_router(test, VRRP_FAMILY_INET6);
	union vrrp_ip a = vrrp_test_ip6(0xfe80, 0, 2);
	union vrrp_ip b = vrrp_test_ip6(0xfe80, 0, 1);
	union vrrp_ip c = vrrp_test_ip6(0xfe80, 1, 0);

	KUNIT_EXPECT_GT(test, vrrp_fsm_addr_cmp(r, &a, &b), 0);
	KUNIT_EXPECT_LT(test, vrrp_fsm_addr_cmp(r, &b, &a), 0);
	/* the interface identifier's first byte weighs more than its last */
	KUNIT_EXPECT_GT(test, vrrp_fsm_addr_cmp(r, &c, &a), 0);
	KUNIT_EXPECT_EQ(test, vrrp_fsm_addr_cmp(r, &c, &c), 0);
}

/* A higher priority wins and a lower one loses, whatever the addresses. */
static void vrrp_test_wins_priority(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_fsm_router(test, VRRP_FAMILY_INET);
	union vrrp_ip low = vrrp_test_ip4(0x00000001);
	union vrrp_ip high = vrrp_test_ip4(0xfffffffe);

	r->p.priority = 100;
	KUNIT_EXPECT_TRUE(test, vrrp_fsm_wins(r, 101, &low));
	KUNIT_EXPECT_TRUE(test, vrrp_fsm_wins(r, 255, &low));
	KUNIT_EXPECT_FALSE(test, vrrp_fsm_wins(r, 99, &high));
	KUNIT_EXPECT_FALSE(test, vrrp_fsm_wins(r, 1, &high));
	/* compared with the effective priority: 100 less 60 of tracking */
	r->penalty = 60;
	KUNIT_EXPECT_TRUE(test, vrrp_fsm_wins(r, 41, &low));
	KUNIT_EXPECT_FALSE(test, vrrp_fsm_wins(r, 39, &high));
}

/*
 * The effective priority: the configured one less the penalty of tracked
 * objects that are down, at least 1; the address owner keeps 255.
 */
static void vrrp_test_effective_priority(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_fsm_router(test, VRRP_FAMILY_INET);

	r->p.priority = 100;
	KUNIT_EXPECT_EQ(test, vrrp_prio(r), 100);
	r->penalty = 50;
	KUNIT_EXPECT_EQ(test, vrrp_prio(r), 50);
	r->penalty = 99;
	KUNIT_EXPECT_EQ(test, vrrp_prio(r), 1);
	r->penalty = 100;
	KUNIT_EXPECT_EQ(test, vrrp_prio(r), 1);
	r->penalty = 250;
	KUNIT_EXPECT_EQ(test, vrrp_prio(r), 1);
	r->p.priority = VRRP_PRIO_OWNER;
	KUNIT_EXPECT_EQ(test, vrrp_prio(r), VRRP_PRIO_OWNER);
}

/*
 * A VRRPv3 Backup's Active_Down_Interval follows the learned interval
 * (RFC 9568 6.4.2); a VRRPv2 Backup's Skew_Time is fixed at
 * (256 - Priority) / 256 s (RFC 3768 6.1) whatever the interval; both
 * from the effective priority.
 */
static void vrrp_test_learned_timers(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_fsm_router(test, VRRP_FAMILY_INET);

	r->p.version = 3;
	r->p.priority = 100;
	r->p.interval_cs = 100;
	r->active_adver_cs = 50;
	KUNIT_EXPECT_EQ(test, vrrp_fsm_skew(r), 304687);
	KUNIT_EXPECT_EQ(test, vrrp_fsm_down(r), 1804687);
	r->active_adver_cs = 4095;
	KUNIT_EXPECT_EQ(test, vrrp_fsm_down(r),
			vrrp_active_down_us(100, 4095));
	r->penalty = 50;
	KUNIT_EXPECT_EQ(test, vrrp_fsm_down(r),
			vrrp_active_down_us(50, 4095));
	r->penalty = 0;

	r->p.version = 2;
	r->p.interval_cs = 300;
	r->active_adver_cs = 300;
	KUNIT_EXPECT_EQ(test, vrrp_fsm_skew(r), 609375);
	KUNIT_EXPECT_EQ(test, vrrp_fsm_down(r), 9609375);
}

static struct kunit_case vrrp_fsm_cases[] = {
	KUNIT_CASE(vrrp_test_addr_cmp4),
	KUNIT_CASE(vrrp_test_addr_cmp6),
	KUNIT_CASE(vrrp_test_wins_priority),
	KUNIT_CASE(vrrp_test_effective_priority),
	KUNIT_CASE(vrrp_test_learned_timers),
	{}
};

static struct kunit_suite vrrp_fsm_suite = {
	.name = "vrrp_election",
	.test_cases = vrrp_fsm_cases,
};

kunit_test_suite(vrrp_fsm_suite);
