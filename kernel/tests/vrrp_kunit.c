// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit cases for the pure logic of vrrp.ko. They are linked into the
 * module when the kernel built against has CONFIG_KUNIT (kernel/Kbuild)
 * and run when the module is loaded; results are in the kernel log (KTAP)
 * and in /sys/kernel/debug/kunit/vrrp_timers/results.
 */
#include <kunit/test.h>
#include <linux/math64.h>

#include "../vrrp.h"

/* Skew_Time per RFC 9568 section 6.1, computed in 64 bits, truncated. */
static u32 vrrp_test_skew_ref(unsigned int priority, unsigned int cs)
{
	return div_u64((u64)(256 - priority) * cs * VRRP_US_PER_CS, 256);
}

struct vrrp_test_timer {
	u8	version;
	u8	priority;
	u16	adver_cs;
	u32	skew_us;
	u32	active_down_us;
};

/* Values worked out by hand from RFC 9568 6.1 and RFC 3768 6.1. */
static const struct vrrp_test_timer vrrp_test_timers[] = {
	/* the RFC defaults: 1 s interval, priority 100 */
	{ 3, 100, 100, 609375, 3609375 },
	/* the fastest possible router: 10 ms, owner priority */
	{ 3, 255, 1, 39, 30039 },
	{ 3, 255, 100, 3906, 3003906 },
	{ 3, 1, 100, 996093, 3996093 },
	{ 3, 1, 1, 9960, 39960 },
	/* the longest interval the 12-bit field carries: 40.95 s */
	{ 3, 255, VRRP_MAX_ADVER_INT, 159960, 123009960 },
	{ 3, 1, VRRP_MAX_ADVER_INT, 40790039, 163640039 },
	/* VRRPv2: Skew_Time is (256 - Priority) / 256 s at any interval */
	{ 2, 100, 100, 609375, 3609375 },
	{ 2, 100, 300, 609375, 9609375 },
	/* the longest VRRPv2 interval: 255 s */
	{ 2, 255, 25500, 3906, 765003906 },
	{ 2, 1, 25500, 996093, 765996093 },
};

static void vrrp_test_timer_desc(const struct vrrp_test_timer *t, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE,
		 "VRRPv%u priority %u interval %u cs", t->version, t->priority,
		 t->adver_cs);
}

KUNIT_ARRAY_PARAM(vrrp_test_timers, vrrp_test_timers, vrrp_test_timer_desc);

static void vrrp_test_timer_values(struct kunit *test)
{
	const struct vrrp_test_timer *t = test->param_value;

	KUNIT_EXPECT_EQ(test,
			vrrp_skew_time_us(t->version, t->priority, t->adver_cs),
			t->skew_us);
	KUNIT_EXPECT_EQ(test,
			vrrp_active_down_us(t->version, t->priority,
					    t->adver_cs),
			t->active_down_us);
}

/*
 * Every priority a router can have (1-255) at every interval the wire
 * format carries (1-4095 cs): no overflow, the formula computed in 64
 * bits, Skew_Time below one interval, and a higher priority always waits
 * strictly less, so the best Backup takes over first. Only the first
 * mismatch is reported.
 */
static void vrrp_test_timer_range(struct kunit *test)
{
	unsigned int prio, cs;

	for (cs = 1; cs <= VRRP_MAX_ADVER_INT; cs++) {
		u32 interval_us = cs * VRRP_US_PER_CS;
		u32 prev_down = U32_MAX;

		for (prio = 1; prio <= VRRP_PRIO_OWNER; prio++) {
			u32 skew = vrrp_skew_time_us(3, prio, cs);
			u32 down = vrrp_active_down_us(3, prio, cs);

			if (skew != vrrp_test_skew_ref(prio, cs) ||
			    skew >= interval_us ||
			    down != 3 * interval_us + skew ||
			    down >= prev_down) {
				KUNIT_FAIL(test,
					   "priority %u interval %u cs: skew %u us, active down %u us (previous priority %u us)",
					   prio, cs, skew, down, prev_down);
				return;
			}
			prev_down = down;
		}
	}
}

/* The advertisement header is 8 bytes on the wire (RFC 9568 5.1). */
static void vrrp_test_header(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct vrrp_hdr), 8);
	KUNIT_EXPECT_EQ(test, VRRP_MAX_ADVER_INT, 4095);
}

static struct kunit_case vrrp_timer_cases[] = {
	KUNIT_CASE_PARAM(vrrp_test_timer_values, vrrp_test_timers_gen_params),
	KUNIT_CASE(vrrp_test_timer_range),
	KUNIT_CASE(vrrp_test_header),
	{}
};

static struct kunit_suite vrrp_timer_suite = {
	.name = "vrrp_timers",
	.test_cases = vrrp_timer_cases,
};

kunit_test_suite(vrrp_timer_suite);
