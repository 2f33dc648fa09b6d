// SPDX-License-Identifier: GPL-2.0
/*
 * The VRRP state machine (RFC 9568 section 6.4): Initialize, Backup and
 * Active, driven by one soft hrtimer per virtual router. While Backup the
 * timer is the Active_Down_Timer, while Active the Adver_Timer.
 *
 * Every transition happens under vrrp_router.lock; packets are built under
 * the lock and sent after it is released.
 */
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "vrrp.h"

static const char *const vrrp_state_names[] = {
	[VRRP_STATE_INIT]	= "init",
	[VRRP_STATE_BACKUP]	= "backup",
	[VRRP_STATE_ACTIVE]	= "active",
};

/**
 * vrrp_skew_time_us() - Skew_Time (RFC 9568 section 6.1)
 * @priority: local priority
 * @adver_cs: Active_Adver_Interval in centiseconds
 *
 * Skew_Time = ((256 - Priority) * Active_Adver_Interval) / 256.
 *
 * Return: Skew_Time in microseconds.
 */
u32 vrrp_skew_time_us(u8 priority, u16 adver_cs)
{
	/* 10000 us per centisecond; 10000 / 256 = 625 / 16, no overflow */
	return (256 - priority) * (u32)adver_cs * 625 / 16;
}

/**
 * vrrp_active_down_us() - Active_Down_Interval (RFC 9568 section 6.1)
 * @priority: local priority
 * @adver_cs: Active_Adver_Interval in centiseconds
 *
 * Return: (3 * Active_Adver_Interval) + Skew_Time, in microseconds.
 */
u32 vrrp_active_down_us(u8 priority, u16 adver_cs)
{
	return 3 * (u32)adver_cs * 10000 + vrrp_skew_time_us(priority, adver_cs);
}

static void vrrp_fsm_arm(struct vrrp_router *r, u32 us)
{
	lockdep_assert_held(&r->lock);
	if (r->dead)
		return;
	hrtimer_start(&r->timer, ns_to_ktime((u64)us * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_SOFT);
}

static void vrrp_fsm_set_state(struct vrrp_router *r, enum vrrp_state state)
{
	enum vrrp_state old = r->state;

	lockdep_assert_held(&r->lock);
	if (old == state)
		return;
	WRITE_ONCE(r->state, state);
	if (state == VRRP_STATE_ACTIVE)
		r->stats.active_transitions++;
	/* The vMAC filter follows the Active state; rtnl is needed for it. */
	if (old == VRRP_STATE_ACTIVE || state == VRRP_STATE_ACTIVE)
		vrrp_vmac_schedule(r);
	net_info_ratelimited("%s vrid %u: %s -> %s\n", vrrp_dev(r)->name,
			     r->vrid, vrrp_state_names[old],
			     vrrp_state_names[state]);
}

/*
 * RFC 9568 6.4.1 and 6.4.2: send an ADVERTISEMENT, set the Adver_Timer and
 * become Active. The caller sends the returned advertisement, then the
 * gratuitous ARPs, once the lock is dropped.
 */
static struct sk_buff *vrrp_fsm_become_active(struct vrrp_router *r)
{
	struct sk_buff *skb;

	r->active_adver_cs = r->interval_cs;
	r->active_addr = vrrp_primary_addr4(vrrp_dev(r));
	vrrp_fsm_set_state(r, VRRP_STATE_ACTIVE);
	skb = vrrp_advert_build(r, r->priority);
	vrrp_fsm_arm(r, r->interval_cs * 10000);
	return skb;
}

/* RFC 9568 6.4.3: leave Active for Backup on a better advertisement. */
static void vrrp_fsm_become_backup(struct vrrp_router *r, u16 adver_cs,
				   __be32 saddr)
{
	r->active_adver_cs = adver_cs;
	r->active_addr = saddr;
	vrrp_fsm_set_state(r, VRRP_STATE_BACKUP);
	vrrp_fsm_arm(r, vrrp_active_down_us(r->priority, adver_cs));
}

static void vrrp_fsm_send(struct vrrp_router *r, struct sk_buff *skb,
			  bool garp)
{
	if (skb)
		vrrp_advert_xmit(skb, false);
	if (garp)
		vrrp_garp_send(r);
}

static enum hrtimer_restart vrrp_fsm_timer(struct hrtimer *timer)
{
	struct vrrp_router *r = container_of(timer, struct vrrp_router, timer);
	struct sk_buff *skb = NULL;
	bool garp = false;

	spin_lock(&r->lock);
	switch (r->state) {
	case VRRP_STATE_BACKUP:
		/* RFC 9568 6.4.2: the Active_Down_Timer fired. */
		skb = vrrp_fsm_become_active(r);
		garp = true;
		break;
	case VRRP_STATE_ACTIVE:
		/* RFC 9568 6.4.3: the Adver_Timer fired. */
		skb = vrrp_advert_build(r, r->priority);
		vrrp_fsm_arm(r, r->interval_cs * 10000);
		break;
	case VRRP_STATE_INIT:
		break;
	}
	spin_unlock(&r->lock);

	vrrp_fsm_send(r, skb, garp);
	return HRTIMER_NORESTART;
}

/**
 * vrrp_fsm_init() - prepare the state machine of a new router
 * @r: the router, not yet visible to anyone
 */
void vrrp_fsm_init(struct vrrp_router *r)
{
	spin_lock_init(&r->lock);
	r->state = VRRP_STATE_INIT;
	hrtimer_setup(&r->timer, vrrp_fsm_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_SOFT);
}

/**
 * vrrp_fsm_startup() - the Startup event (RFC 9568 section 6.4.1)
 * @r: the router
 *
 * The address owner becomes Active at once; any other router becomes
 * Backup and waits Active_Down_Interval for an Active router.
 *
 * Context: process context, rtnl held.
 */
void vrrp_fsm_startup(struct vrrp_router *r)
{
	struct sk_buff *skb = NULL;
	bool garp = false;

	spin_lock_bh(&r->lock);
	if (r->state != VRRP_STATE_INIT || r->dead) {
		spin_unlock_bh(&r->lock);
		return;
	}
	if (r->priority == VRRP_PRIO_OWNER) {
		skb = vrrp_fsm_become_active(r);
		garp = true;
	} else {
		r->active_adver_cs = r->interval_cs;
		r->active_addr = 0;
		vrrp_fsm_set_state(r, VRRP_STATE_BACKUP);
		vrrp_fsm_arm(r, vrrp_active_down_us(r->priority,
						    r->active_adver_cs));
	}
	spin_unlock_bh(&r->lock);

	vrrp_fsm_send(r, skb, garp);
}

static void __vrrp_fsm_stop(struct vrrp_router *r, enum vrrp_stop how,
			    bool kill)
{
	struct sk_buff *skb = NULL;

	spin_lock_bh(&r->lock);
	/*
	 * RFC 9568 6.4.3 Shutdown event: an Active router sends an
	 * ADVERTISEMENT with Priority 0 so a Backup takes over after
	 * Skew_Time instead of Active_Down_Interval.
	 */
	if (r->state == VRRP_STATE_ACTIVE && how != VRRP_STOP_SILENT)
		skb = vrrp_advert_build(r, VRRP_PRIO_STOP);
	vrrp_fsm_set_state(r, VRRP_STATE_INIT);
	r->active_addr = 0;
	if (kill)
		r->dead = true;
	spin_unlock_bh(&r->lock);

	/* In Init the callback does nothing and re-arms nothing. */
	hrtimer_cancel(&r->timer);
	if (skb)
		vrrp_advert_xmit(skb, how == VRRP_STOP_DIRECT);
}

/**
 * vrrp_fsm_shutdown() - the Shutdown event (RFC 9568 section 6.4)
 * @r: the router
 * @how: whether to announce it with a priority-0 advertisement, and how
 *
 * The router goes to Initialize; vrrp_fsm_startup() brings it back.
 *
 * Context: process context, rtnl held.
 */
void vrrp_fsm_shutdown(struct vrrp_router *r, enum vrrp_stop how)
{
	__vrrp_fsm_stop(r, how, false);
}

/**
 * vrrp_fsm_kill() - stop a router for good before it is deleted
 * @r: the router
 *
 * Like a Shutdown announced with priority 0, but no timer can be armed
 * afterwards.
 *
 * Context: process context, rtnl held.
 */
void vrrp_fsm_kill(struct vrrp_router *r)
{
	__vrrp_fsm_stop(r, VRRP_STOP_ANNOUNCE, true);
}

static bool vrrp_fsm_wins(struct vrrp_router *r, u8 priority, __be32 saddr)
{
	if (priority != r->priority)
		return priority > r->priority;
	/* Equal priorities: the larger primary address, as an unsigned
	 * integer in network byte order, wins (RFC 9568 6.4.3).
	 */
	return ntohl(saddr) > ntohl(vrrp_primary_addr4(vrrp_dev(r)));
}

/**
 * vrrp_fsm_advert() - a valid ADVERTISEMENT was received
 * @r: the router it is for
 * @priority: the sender's priority
 * @adver_cs: the sender's Max Adver Int, centiseconds (not 0)
 * @saddr: the sender's primary address
 *
 * Context: softirq (the receive path), RCU read lock held.
 */
void vrrp_fsm_advert(struct vrrp_router *r, u8 priority, u16 adver_cs,
		     __be32 saddr)
{
	struct sk_buff *skb = NULL;

	spin_lock(&r->lock);
	r->stats.rcvd_advertisements++;
	if (priority == VRRP_PRIO_STOP)
		r->stats.rcvd_pri_zero++;

	switch (r->state) {
	case VRRP_STATE_BACKUP:
		/* RFC 9568 6.4.2 */
		if (priority == VRRP_PRIO_STOP) {
			vrrp_fsm_arm(r, vrrp_skew_time_us(r->priority,
							  r->active_adver_cs));
		} else if (!r->preempt || priority >= r->priority) {
			r->active_adver_cs = adver_cs;
			r->active_addr = saddr;
			vrrp_fsm_arm(r, vrrp_active_down_us(r->priority,
							    adver_cs));
		}
		/* else: a lower priority Active router and we may preempt:
		 * discard, and let the Active_Down_Timer make us Active.
		 */
		break;
	case VRRP_STATE_ACTIVE:
		/* RFC 9568 6.4.3 */
		if (priority == VRRP_PRIO_STOP) {
			skb = vrrp_advert_build(r, r->priority);
			vrrp_fsm_arm(r, r->interval_cs * 10000);
		} else if (vrrp_fsm_wins(r, priority, saddr)) {
			vrrp_fsm_become_backup(r, adver_cs, saddr);
		} else {
			/* Discard the lower-priority advertisement and assert
			 * our Active state at once, which also updates the
			 * learning bridges between us.
			 */
			skb = vrrp_advert_build(r, r->priority);
		}
		break;
	case VRRP_STATE_INIT:
		break;
	}
	spin_unlock(&r->lock);

	vrrp_fsm_send(r, skb, false);
}
