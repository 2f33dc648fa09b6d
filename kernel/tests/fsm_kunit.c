// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit cases for the election logic of fsm.c: the primary address
 * comparison of RFC 9568 6.4.3, the receive half of the state transition
 * table, preempt and its delay, and the timers a Backup derives from a
 * learned interval (VRRPv3) or the fixed one (VRRPv2); and timer expiries
 * made stale by an event handled while they waited for the router's lock,
 * and expiries that find no address to advertise from.
 * #included at the end of fsm.c; built only against a kernel with KUnit
 * and run when the module loads.
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

/*
 * The receive half of the state transition table (RFC 9568 6.4.2, 6.4.3),
 * row by row: state, the sender's priority, ours, whether the sender's
 * primary address is the larger, whether we may preempt.
 */
static void vrrp_test_rx_table(struct kunit *test)
{
	static const struct {
		enum vrrp_state state;
		u8 theirs, ours;
		bool tie_lost, preempt;
		enum vrrp_fsm_act act;
	} rows[] = {
		/* Initialize ignores advertisements. */
		{ VRRP_STATE_INIT, 100, 100, true, true, VRRP_ACT_NONE },
		{ VRRP_STATE_INIT, 0, 100, false, false, VRRP_ACT_NONE },
		{ VRRP_STATE_INIT, 255, 1, true, true, VRRP_ACT_NONE },
		/* Backup: priority 0 sets the timer to Skew_Time ... */
		{ VRRP_STATE_BACKUP, 0, 100, false, true, VRRP_ACT_SKEW },
		{ VRRP_STATE_BACKUP, 0, 1, true, false, VRRP_ACT_SKEW },
		{ VRRP_STATE_BACKUP, 0, 254, false, false, VRRP_ACT_SKEW },
		/* ... a priority at least ours is followed, whatever the
		 * addresses and the preempt setting ...
		 */
		{ VRRP_STATE_BACKUP, 101, 100, false, true, VRRP_ACT_FOLLOW },
		{ VRRP_STATE_BACKUP, 255, 254, false, true, VRRP_ACT_FOLLOW },
		{ VRRP_STATE_BACKUP, 100, 100, false, true, VRRP_ACT_FOLLOW },
		{ VRRP_STATE_BACKUP, 100, 100, true, true, VRRP_ACT_FOLLOW },
		{ VRRP_STATE_BACKUP, 1, 1, false, true, VRRP_ACT_FOLLOW },
		/* ... a lower one is preempted, or followed while we may
		 * not preempt.
		 */
		{ VRRP_STATE_BACKUP, 99, 100, false, true, VRRP_ACT_PREEMPT },
		{ VRRP_STATE_BACKUP, 1, 254, true, true, VRRP_ACT_PREEMPT },
		{ VRRP_STATE_BACKUP, 99, 100, false, false, VRRP_ACT_WAIT },
		{ VRRP_STATE_BACKUP, 99, 100, true, false, VRRP_ACT_WAIT },
		{ VRRP_STATE_BACKUP, 1, 254, false, false, VRRP_ACT_WAIT },
		/* Active: priority 0 is answered at once ... */
		{ VRRP_STATE_ACTIVE, 0, 100, false, false, VRRP_ACT_ADVERTISE },
		{ VRRP_STATE_ACTIVE, 0, 255, true, true, VRRP_ACT_ADVERTISE },
		/* ... a higher priority makes us Backup, an equal one
		 * only from a larger primary address ...
		 */
		{ VRRP_STATE_ACTIVE, 101, 100, false, false, VRRP_ACT_YIELD },
		{ VRRP_STATE_ACTIVE, 255, 254, false, true, VRRP_ACT_YIELD },
		{ VRRP_STATE_ACTIVE, 100, 100, true, false, VRRP_ACT_YIELD },
		{ VRRP_STATE_ACTIVE, 100, 100, false, true, VRRP_ACT_ASSERT },
		/* ... a lower one is discarded and answered, whatever the
		 * addresses.
		 */
		{ VRRP_STATE_ACTIVE, 99, 100, true, true, VRRP_ACT_ASSERT },
		{ VRRP_STATE_ACTIVE, 1, 255, true, false, VRRP_ACT_ASSERT },
		{ VRRP_STATE_ACTIVE, 254, 255, false, false, VRRP_ACT_ASSERT },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    vrrp_fsm_rx_act(rows[i].state,
						    rows[i].theirs,
						    rows[i].ours,
						    rows[i].tie_lost,
						    rows[i].preempt),
				    rows[i].act,
				    "row %u: %s, %u heard at %u, tie_lost %d, preempt %d",
				    i, vrrp_state_names[rows[i].state],
				    rows[i].theirs, rows[i].ours,
				    rows[i].tie_lost, rows[i].preempt);
}

/*
 * Preempting needs preempt on and no hold by the sync group; with a
 * preempt delay, a delay started and passed.
 */
static void vrrp_test_may_preempt(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_fsm_router(test, VRRP_FAMILY_INET);
	ktime_t now = ms_to_ktime(100000);

	KUNIT_EXPECT_FALSE(test, vrrp_fsm_may_preempt(r, now));
	r->p.preempt = true;
	KUNIT_EXPECT_TRUE(test, vrrp_fsm_may_preempt(r, now));
	r->group_held = true;
	KUNIT_EXPECT_FALSE(test, vrrp_fsm_may_preempt(r, now));
	r->group_held = false;

	r->p.preempt_delay_ms = 1000;
	/* not started yet: the first lower advertisement starts it */
	KUNIT_EXPECT_FALSE(test, vrrp_fsm_may_preempt(r, now));
	r->preempt_after = ktime_add_ms(now, 1000);
	KUNIT_EXPECT_FALSE(test, vrrp_fsm_may_preempt(r, now));
	KUNIT_EXPECT_FALSE(test, vrrp_fsm_may_preempt(r, r->preempt_after));
	KUNIT_EXPECT_TRUE(test,
			  vrrp_fsm_may_preempt(r, ktime_add_ms(now, 1001)));
	r->group_held = true;
	KUNIT_EXPECT_FALSE(test,
			   vrrp_fsm_may_preempt(r, ktime_add_ms(now, 1001)));
	r->group_held = false;
	r->p.preempt = false;
	KUNIT_EXPECT_FALSE(test,
			   vrrp_fsm_may_preempt(r, ktime_add_ms(now, 1001)));
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
			vrrp_active_down_us(3, 100, 4095));
	r->penalty = 50;
	KUNIT_EXPECT_EQ(test, vrrp_fsm_down(r),
			vrrp_active_down_us(3, 50, 4095));
	r->penalty = 0;

	r->p.version = 2;
	r->p.interval_cs = 300;
	r->active_adver_cs = 300;
	KUNIT_EXPECT_EQ(test, vrrp_fsm_skew(r), 609375);
	KUNIT_EXPECT_EQ(test, vrrp_fsm_down(r), 9609375);
}

/*
 * Timer expiries that lost the race for the router lock. A router on a
 * device that is never registered and has no address: nothing it might
 * send leaves the machine. Its address list is empty so that gratuitous
 * messages send nothing either.
 */
static struct vrrp_router *vrrp_test_timer_router(struct kunit *test,
						  enum vrrp_state state)
{
	struct vrrp_router *r = vrrp_test_fsm_router(test, VRRP_FAMILY_INET);
	struct vrrp_port *port = kunit_kzalloc(test, sizeof(*port),
					       GFP_KERNEL);
	struct vrrp_addrs *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, port);
	KUNIT_ASSERT_NOT_NULL(test, a);
	port->dev = test->priv;
	r->port = port;
	r->vrid = 10;
	r->p.version = 3;
	r->p.priority = 100;
	r->p.interval_cs = 100;
	r->p.garp_count = VRRP_GARP_COUNT_DEFAULT;
	r->p.garp_spacing_ms = VRRP_GARP_SPACING_DEFAULT;
	r->active_adver_cs = 100;
	refcount_set(&r->refcnt, 1);
	RCU_INIT_POINTER(r->addrs, a);
	vrrp_fsm_init(r);
	vrrp_vmac_init_router(r);

	spin_lock_bh(&r->lock);
	WRITE_ONCE(r->state, state);
	/* far in the future: the test fires the expiry itself */
	vrrp_fsm_arm(r, &r->timer, 1000 * USEC_PER_SEC);
	spin_unlock_bh(&r->lock);
	return r;
}

/* Run an expiry as the soft hrtimer would: in BH context. */
static void vrrp_test_expire(struct hrtimer *timer)
{
	local_bh_disable();
	timer->function(timer);
	local_bh_enable();
}

/*
 * Whether @timer was armed for @want_us by code that ran between @before
 * and @after. Its expiry less @after bounds the interval from below, less
 * @before from above: a stall of the emulated CPU in between (a host that
 * did not run the guest for a while) widens the range, but cannot put the
 * interval out of it, as a check of the time left on the timer would.
 */
static void vrrp_test_armed(struct kunit *test, const struct hrtimer *timer,
			    ktime_t before, ktime_t after, s64 want_us)
{
	ktime_t expires = hrtimer_get_expires(timer);

	KUNIT_EXPECT_LE(test, ktime_us_delta(expires, after), want_us);
	KUNIT_EXPECT_GE(test, ktime_us_delta(expires, before), want_us);
}

/*
 * Run an Active_Down_Timer expiry that must only look again: it arms the
 * timer for VRRP_DOWN_RECHECK_US. Take the timer back before it can fire
 * on its own (bottom halves stay off: the soft hrtimer would run in this
 * CPU's softirq). Return whether it was armed.
 */
static bool vrrp_test_expire_recheck(struct kunit *test,
				     struct hrtimer *timer)
{
	ktime_t before, after;
	bool queued;

	local_bh_disable();
	before = ktime_get();
	timer->function(timer);
	after = ktime_get();
	queued = hrtimer_is_queued(timer);
	if (queued)
		vrrp_test_armed(test, timer, before, after,
				VRRP_DOWN_RECHECK_US);
	hrtimer_try_to_cancel(timer);
	local_bh_enable();
	KUNIT_EXPECT_TRUE(test, queued);
	return queued;
}

static void vrrp_test_timer_router_stop(struct vrrp_router *r)
{
	spin_lock_bh(&r->lock);
	r->dead = true;
	spin_unlock_bh(&r->lock);
	hrtimer_cancel(&r->timer);
	hrtimer_cancel(&r->garp_timer);
	flush_work(&r->sync_work);
}

/*
 * A Backup heard an advertisement that restarted its Active_Down_Timer
 * while the previous expiry waited for the lock: that expiry must not
 * make it Active.
 */
static void vrrp_test_stale_down_timer(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_timer_router(test,
						       VRRP_STATE_BACKUP);

	KUNIT_ASSERT_TRUE(test, hrtimer_is_queued(&r->timer));
	vrrp_test_expire(&r->timer);
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);
	KUNIT_EXPECT_EQ(test, r->stats.active_transitions, 0);
	KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&r->timer));
	vrrp_test_timer_router_stop(r);
}

/*
 * A higher-priority advertisement made an Active router Backup (and armed
 * its Active_Down_Timer) while the Adver_Timer's expiry waited for the
 * lock: that expiry must neither advertise nor make it Active again.
 */
static void vrrp_test_stale_adver_timer(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_timer_router(test,
						       VRRP_STATE_ACTIVE);
	union vrrp_ip better = vrrp_test_ip4(0xc0000209);
	struct vrrp_fsm_out out = {};

	spin_lock_bh(&r->lock);
	vrrp_fsm_become_backup(r, 100, &better, &out);
	spin_unlock_bh(&r->lock);
	KUNIT_ASSERT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);

	vrrp_test_expire(&r->timer);
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);
	KUNIT_EXPECT_EQ(test, r->stats.active_transitions, 0);
	KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&r->timer));
	vrrp_test_timer_router_stop(r);
}

/*
 * An expiry of a timer armed in another state than the router's does
 * nothing, even when nothing re-armed it.
 */
static void vrrp_test_stale_state(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_timer_router(test,
						       VRRP_STATE_ACTIVE);

	hrtimer_cancel(&r->timer);
	spin_lock_bh(&r->lock);
	WRITE_ONCE(r->state, VRRP_STATE_BACKUP);
	spin_unlock_bh(&r->lock);

	vrrp_test_expire(&r->timer);
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);
	KUNIT_EXPECT_FALSE(test, hrtimer_is_queued(&r->timer));
	vrrp_test_timer_router_stop(r);
}

/*
 * The gratuitous ARP timer re-armed for a new burst while an expiry
 * waited: the stale expiry neither counts a message nor re-arms.
 */
static void vrrp_test_stale_garp_timer(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_timer_router(test,
						       VRRP_STATE_ACTIVE);

	spin_lock_bh(&r->lock);
	r->garp_left = r->p.garp_count;
	vrrp_fsm_arm(r, &r->garp_timer, 1000 * USEC_PER_SEC);
	spin_unlock_bh(&r->lock);

	vrrp_test_expire(&r->garp_timer);
	KUNIT_EXPECT_EQ(test, r->garp_left, r->p.garp_count);
	/* still the new burst's start, not one spacing away */
	KUNIT_EXPECT_GT(test,
			ktime_to_ms(hrtimer_get_remaining(&r->garp_timer)),
			(s64)900 * MSEC_PER_SEC);
	vrrp_test_timer_router_stop(r);
}

/*
 * The test router's interface has no address: an expiry that is not
 * stale sends nothing and leaves the router in Initialize, reason
 * no-address, looking for an address every Advertisement_Interval.
 */
static void vrrp_test_no_address(struct kunit *test)
{
	static const enum vrrp_state states[] = {
		VRRP_STATE_BACKUP, VRRP_STATE_ACTIVE,
	};
	struct vrrp_router *r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(states); i++) {
		r = vrrp_test_timer_router(test, states[i]);
		hrtimer_cancel(&r->timer);
		if (states[i] == VRRP_STATE_BACKUP) {
			/* the Active_Down_Timer looks once more first */
			vrrp_test_expire_recheck(test, &r->timer);
			KUNIT_EXPECT_EQ(test, READ_ONCE(r->state),
					VRRP_STATE_BACKUP);
		}
		vrrp_test_expire(&r->timer);
		KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_INIT);
		KUNIT_EXPECT_EQ(test, r->reason, VRRP_REASON_NO_ADDRESS);
		KUNIT_EXPECT_TRUE(test, r->no_address);
		KUNIT_EXPECT_EQ(test, r->stats.no_address, 1);
		KUNIT_EXPECT_EQ(test, r->stats.active_transitions, 0);
		KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&r->timer));
		/* still none: it keeps waiting, counted once */
		hrtimer_cancel(&r->timer);
		vrrp_test_expire(&r->timer);
		KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_INIT);
		KUNIT_EXPECT_EQ(test, r->stats.no_address, 1);
		KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&r->timer));
		vrrp_test_timer_router_stop(r);
	}
}

/*
 * An expired Active_Down_Timer does not act in the pass it expired in: it
 * looks again VRRP_DOWN_RECHECK_US later, and acts on that expiry.
 */
static void vrrp_test_down_recheck(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_timer_router(test,
						       VRRP_STATE_BACKUP);

	hrtimer_cancel(&r->timer);
	vrrp_test_expire_recheck(test, &r->timer);
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);
	KUNIT_EXPECT_EQ(test, r->stats.no_address, 0);
	KUNIT_EXPECT_TRUE(test, r->down_rechecked);
	/* the second expiry acts (here: no address, so Initialize) */
	vrrp_test_expire(&r->timer);
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_INIT);
	KUNIT_EXPECT_EQ(test, r->stats.no_address, 1);
	vrrp_test_timer_router_stop(r);
}

/*
 * An advertisement of the Active router that arrives in the recheck keeps
 * the router Backup, restarts the Active_Down_Timer for a full interval
 * and is counted; the next expiry looks again before acting.
 */
static void vrrp_test_down_recheck_advert(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_timer_router(test,
						       VRRP_STATE_BACKUP);
	union vrrp_ip active = vrrp_test_ip4(0xc0000209);
	ktime_t before, after;

	hrtimer_cancel(&r->timer);
	KUNIT_ASSERT_TRUE(test, vrrp_test_expire_recheck(test, &r->timer));
	KUNIT_ASSERT_TRUE(test, r->down_rechecked);

	before = ktime_get();
	local_bh_disable();
	rcu_read_lock();
	vrrp_fsm_advert(r, 200, 100, &active);
	rcu_read_unlock();
	local_bh_enable();
	after = ktime_get();
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);
	KUNIT_EXPECT_EQ(test, r->stats.late_advertisements, 1);
	KUNIT_EXPECT_FALSE(test, r->down_rechecked);
	KUNIT_ASSERT_TRUE(test, hrtimer_is_queued(&r->timer));
	/* Active_Down_Interval for a 1 s Advertisement_Interval */
	vrrp_test_armed(test, &r->timer, before, after, vrrp_fsm_down(r));

	hrtimer_cancel(&r->timer);
	vrrp_test_expire_recheck(test, &r->timer);
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);
	KUNIT_EXPECT_TRUE(test, r->down_rechecked);
	vrrp_test_timer_router_stop(r);
}

/* An advertisement of priority 200 from 192.0.2.9 heard in BH context. */
static void vrrp_test_heard(struct vrrp_router *r, u16 adver_cs)
{
	union vrrp_ip active = vrrp_test_ip4(0xc0000209);

	rcu_read_lock();
	vrrp_fsm_advert(r, 200, adver_cs, &active);
	rcu_read_unlock();
}

/*
 * An advertisement that moves the Active_Down_Timer's deadline on leaves
 * a timer that expires before it alone (vrrp_fsm_follow()); the expiry
 * moves the timer to the deadline instead of acting or looking again,
 * and looks again once the deadline has passed. An earlier deadline (a
 * shorter interval learnt) restarts the timer. The advertisements say
 * 40.95 s: no timer armed here can fire on its own, however long the
 * emulated CPU stalls.
 */
static void vrrp_test_down_moved(struct kunit *test)
{
	struct vrrp_router *r = vrrp_test_timer_router(test,
						       VRRP_STATE_BACKUP);
	ktime_t before, after, armed;

	/* a timer armed later than the deadline is restarted */
	local_bh_disable();
	before = ktime_get();
	vrrp_test_heard(r, 4095);
	after = ktime_get();
	local_bh_enable();
	KUNIT_ASSERT_TRUE(test, hrtimer_is_queued(&r->timer));
	vrrp_test_armed(test, &r->timer, before, after, vrrp_fsm_down(r));
	KUNIT_EXPECT_EQ(test, r->down_at, 0);
	armed = hrtimer_get_expires(&r->timer);

	/* the next one only moves the deadline */
	local_bh_disable();
	before = ktime_get();
	vrrp_test_heard(r, 4095);
	after = ktime_get();
	local_bh_enable();
	KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&r->timer));
	KUNIT_EXPECT_EQ(test, hrtimer_get_expires(&r->timer), armed);
	KUNIT_EXPECT_GE(test, ktime_us_delta(r->down_at, before),
			vrrp_fsm_down(r));
	KUNIT_EXPECT_LE(test, ktime_us_delta(r->down_at, after),
			vrrp_fsm_down(r));

	/* its expiry, before the deadline, arms the timer for it */
	hrtimer_cancel(&r->timer);
	armed = r->down_at;
	vrrp_test_expire(&r->timer);
	KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&r->timer));
	KUNIT_EXPECT_EQ(test, hrtimer_get_expires(&r->timer), armed);
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);
	KUNIT_EXPECT_FALSE(test, r->down_rechecked);
	KUNIT_EXPECT_EQ(test, r->down_at, 0);

	/* an expiry that ran late, past the deadline, looks again */
	local_bh_disable();
	vrrp_test_heard(r, 4095);
	local_bh_enable();
	KUNIT_EXPECT_NE(test, r->down_at, 0);
	hrtimer_cancel(&r->timer);
	spin_lock_bh(&r->lock);
	r->down_at = ktime_sub_us(ktime_get(), 1);
	spin_unlock_bh(&r->lock);
	vrrp_test_expire_recheck(test, &r->timer);
	KUNIT_EXPECT_TRUE(test, r->down_rechecked);
	KUNIT_EXPECT_EQ(test, READ_ONCE(r->state), VRRP_STATE_BACKUP);
	KUNIT_EXPECT_EQ(test, r->stats.late_advertisements, 0);

	/* a shorter interval learnt: an earlier deadline, a restart */
	local_bh_disable();
	vrrp_test_heard(r, 4095);
	before = ktime_get();
	vrrp_test_heard(r, 100);
	after = ktime_get();
	KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&r->timer));
	KUNIT_EXPECT_EQ(test, r->down_at, 0);
	vrrp_test_armed(test, &r->timer, before, after, vrrp_fsm_down(r));
	hrtimer_try_to_cancel(&r->timer);
	local_bh_enable();
	vrrp_test_timer_router_stop(r);
}

static int vrrp_test_timer_init(struct kunit *test)
{
	test->priv = alloc_netdev(0, "vrrpkunit%d", NET_NAME_ENUM,
				  ether_setup);
	return test->priv ? 0 : -ENOMEM;
}

static void vrrp_test_timer_exit(struct kunit *test)
{
	free_netdev(test->priv);
}

static struct kunit_case vrrp_fsm_stale_cases[] = {
	KUNIT_CASE(vrrp_test_stale_down_timer),
	KUNIT_CASE(vrrp_test_stale_adver_timer),
	KUNIT_CASE(vrrp_test_stale_state),
	KUNIT_CASE(vrrp_test_stale_garp_timer),
	KUNIT_CASE(vrrp_test_no_address),
	KUNIT_CASE(vrrp_test_down_recheck),
	KUNIT_CASE(vrrp_test_down_recheck_advert),
	KUNIT_CASE(vrrp_test_down_moved),
	{}
};

static struct kunit_suite vrrp_fsm_stale_suite = {
	.name = "vrrp_stale_timers",
	.init = vrrp_test_timer_init,
	.exit = vrrp_test_timer_exit,
	.test_cases = vrrp_fsm_stale_cases,
};

static struct kunit_case vrrp_fsm_cases[] = {
	KUNIT_CASE(vrrp_test_addr_cmp4),
	KUNIT_CASE(vrrp_test_addr_cmp6),
	KUNIT_CASE(vrrp_test_rx_table),
	KUNIT_CASE(vrrp_test_may_preempt),
	KUNIT_CASE(vrrp_test_effective_priority),
	KUNIT_CASE(vrrp_test_learned_timers),
	{}
};

static struct kunit_suite vrrp_fsm_suite = {
	.name = "vrrp_election",
	.test_cases = vrrp_fsm_cases,
};

kunit_test_suites(&vrrp_fsm_suite, &vrrp_fsm_stale_suite);
