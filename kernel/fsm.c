// SPDX-License-Identifier: GPL-2.0
/*
 * The VRRP state machine (RFC 9568 section 6.4): Initialize, Backup and
 * Active, driven by one soft hrtimer per virtual router. While Backup the
 * timer is the Active_Down_Timer, while Active the Adver_Timer. A second
 * timer paces the gratuitous ARPs / unsolicited NAs of an Active router.
 *
 * Every transition happens under vrrp_router.lock and only records what
 * must be sent; vrrp_fsm_output() sends it once the lock is released: the
 * event notification first, then the advertisement, then (from the
 * gratuitous ARP timer) the gratuitous messages.
 */
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "vrrp.h"
#include "trace.h"

/*
 * Answers to priority-0 and lower-priority advertisements: at most one
 * advertisement per this long, with those of the Adver_Timer.
 */
#define VRRP_ASSERT_MIN_MS	10

/* How long an expired Active_Down_Timer waits to look again. */
#define VRRP_DOWN_RECHECK_US	1000

/*
 * How often an Active anycast gateway, which advertises nothing, looks
 * for the address it answers ARP and ND from: not every interval, which
 * at 10 ms would be a timer a hundred times a second doing nothing.
 */
#define VRRP_ANYCAST_RECHECK_US	USEC_PER_SEC

/* The least a drain forwards after the new Active router was heard. */
#define VRRP_DRAIN_GRACE_MS	50

/* What a transition leaves to do once the lock is dropped. */
struct vrrp_fsm_out {
	bool		notify;
	bool		advert;
	bool		stop_advert;
	bool		direct;
	bool		group_sync;
	bool		ra_final;
};

static const char *const vrrp_state_names[] = {
	VRRP_STATE_NAMES
};

static const char *const vrrp_reason_names[] = {
	VRRP_REASON_NAMES
};

/* Skew_Time and Active_Down_Interval of @r now, in microseconds */
static u32 vrrp_fsm_skew(const struct vrrp_router *r)
{
	return vrrp_skew_time_us(r->p.version, vrrp_prio(r),
				 r->active_adver_cs);
}

static u32 vrrp_fsm_down(const struct vrrp_router *r)
{
	return vrrp_active_down_us(r->p.version, vrrp_prio(r),
				   r->active_adver_cs);
}

/* The timer of an Active router: its Adver_Timer, or an anycast recheck */
static u32 vrrp_fsm_active_us(const struct vrrp_router *r)
{
	return r->anycast ? VRRP_ANYCAST_RECHECK_US :
			    vrrp_cs_to_us(r->p.interval_cs);
}

/*
 * Arm @timer; the router's timer is armed for the state the router is in
 * now (see vrrp_fsm_timer_stale()).
 */
static void __vrrp_fsm_arm(struct vrrp_router *r, struct hrtimer *timer,
			   ktime_t t, const enum hrtimer_mode mode)
{
	lockdep_assert_held(&r->lock);
	if (r->dead)
		return;
	if (timer == &r->timer) {
		r->timer_state = r->state;
		r->down_rechecked = false;
		r->down_at = 0;
	}
	hrtimer_start(timer, t, mode);
}

static void vrrp_fsm_arm(struct vrrp_router *r, struct hrtimer *timer,
			 u32 us)
{
	__vrrp_fsm_arm(r, timer, ns_to_ktime((u64)us * NSEC_PER_USEC),
		       HRTIMER_MODE_REL_SOFT);
}

static void vrrp_fsm_set_state(struct vrrp_router *r, enum vrrp_state state,
			       enum vrrp_reason reason,
			       struct vrrp_fsm_out *out)
{
	enum vrrp_state old = r->state;

	lockdep_assert_held(&r->lock);
	if (old == state)
		return;
	WRITE_ONCE(r->state, state);
	r->old_state = old;
	r->reason = reason;
	r->prio0_seen = false;
	r->preempting = false;
	r->preempt_after = 0;
	if (state == VRRP_STATE_ACTIVE) {
		r->stats.active_transitions++;
		WRITE_ONCE(r->group_held, false);
		WRITE_ONCE(r->drain_until, 0);
	}
	if (old == VRRP_STATE_ACTIVE) {
		hrtimer_try_to_cancel(&r->garp_timer);
		hrtimer_try_to_cancel(&r->ra_timer);
	}
	/* The vMAC filter and Accept_Mode addresses follow the Active state;
	 * they need rtnl or process context.
	 */
	if (old == VRRP_STATE_ACTIVE || state == VRRP_STATE_ACTIVE)
		vrrp_sync_schedule(r);
	/* Active to Backup takes the sync group along (not a demotion the
	 * group itself caused; faults reach the group through tracking);
	 * becoming Active lets the members preempt again.
	 */
	if (r->p.group[0] &&
	    (state == VRRP_STATE_ACTIVE ||
	     (old == VRRP_STATE_ACTIVE && state == VRRP_STATE_BACKUP &&
	      reason != VRRP_REASON_SYNC_GROUP)))
		out->group_sync = true;
	out->notify = true;
	trace_vrrp_state(r, old, state, reason);
	net_info_ratelimited("%s vrid %u%s: %s -> %s reason %s\n",
			     vrrp_dev(r)->name, r->vrid,
			     vrrp_is_v6(r) ? " inet6" : "",
			     vrrp_state_names[old], vrrp_state_names[state],
			     vrrp_reason_names[reason]);
}

/*
 * Make before break (drain.c): after its priority 0, a router leaving
 * Active keeps forwarding for its vMAC until it hears the router taking
 * over, at most vrrp_drain_us(). Before the state changes: the ingress
 * hook must not see a router neither Active nor draining.
 */
static void vrrp_fsm_drain(struct vrrp_router *r)
{
	unsigned long until = jiffies + usecs_to_jiffies(vrrp_drain_us(r)) + 1;

	lockdep_assert_held(&r->lock);
	WRITE_ONCE(r->drain_until, until ?: 1);
}

/*
 * The router taking over was heard: the switches learnt the vMAC on its
 * port from that advertisement and its gratuitous ARP, and send it the
 * LAN's frames from now on. Those they sent here before are still on
 * their way, and may come after the advertisement: through another CPU's
 * backlog, another queue. Forward them for one more of its
 * Advertisement_Intervals, at least VRRP_DRAIN_GRACE_MS (a guest's timers
 * run that late), within the drain's deadline.
 */
static void vrrp_fsm_drain_end(struct vrrp_router *r, u16 adver_cs)
{
	u32 ms = max_t(u32, (u32)adver_cs * 10, VRRP_DRAIN_GRACE_MS);
	unsigned long until = jiffies + msecs_to_jiffies(ms) + 1;

	lockdep_assert_held(&r->lock);
	if (r->drain_until && time_before(until, r->drain_until))
		WRITE_ONCE(r->drain_until, until ?: 1);
}

/**
 * vrrp_fsm_drain_heard() - a draining router's VRID has an Active router
 * @r: a deleted router on its port's drains
 * @adver_cs: the advertisement's interval, centiseconds
 *
 * For the advertisements that the router of the VRID now on the port
 * received (vrrp_fsm_advert() hears them for the others).
 *
 * Context: softirq (the receive path), RCU read lock held.
 */
void vrrp_fsm_drain_heard(struct vrrp_router *r, u16 adver_cs)
{
	spin_lock(&r->lock);
	vrrp_fsm_drain_end(r, adver_cs);
	spin_unlock(&r->lock);
}

/*
 * RFC 9568 6.4.1 and 6.4.2: send an ADVERTISEMENT, broadcast gratuitous
 * ARPs (IPv6: unsolicited NAs), set the Adver_Timer, become Active. An
 * anycast gateway advertises nothing: its timer only looks for the
 * address it needs for ARP and ND (VRRP_ANYCAST_RECHECK_US).
 */
static void vrrp_fsm_become_active(struct vrrp_router *r,
				   enum vrrp_reason reason,
				   struct vrrp_fsm_out *out)
{
	r->active_adver_cs = r->p.interval_cs;
	if (!vrrp_primary_addr(r, &r->active_addr))
		memset(&r->active_addr, 0, sizeof(r->active_addr));
	vrrp_fsm_set_state(r, VRRP_STATE_ACTIVE, reason, out);
	out->advert = !r->anycast;
	r->garp_left = r->p.garp_count;
	r->garp_second = r->p.garp_repeat_ms != 0;
	vrrp_fsm_arm(r, &r->garp_timer, 0);
	vrrp_fsm_arm(r, &r->timer, vrrp_fsm_active_us(r));
	/* RFC 9568 8.2.3, RFC 4861 6.2.4: a few Router Advertisements soon */
	if (vrrp_is_v6(r) && r->p.ra.on) {
		r->ra_initial = VRRP_RA_INITIAL_COUNT;
		vrrp_fsm_arm(r, &r->ra_timer, 0);
	}
}

/* RFC 9568 6.4.3: leave Active for Backup on a better advertisement. */
static void vrrp_fsm_become_backup(struct vrrp_router *r, u16 adver_cs,
				   const union vrrp_ip *saddr,
				   struct vrrp_fsm_out *out)
{
	vrrp_fsm_set_state(r, VRRP_STATE_BACKUP, VRRP_REASON_HIGHER_PRIORITY,
			   out);
	r->active_adver_cs = adver_cs;
	r->active_addr = *saddr;
	vrrp_fsm_arm(r, &r->timer, vrrp_fsm_down(r));
}

/* Is there an address to advertise from? */
static bool vrrp_fsm_can_send(struct vrrp_router *r)
{
	union vrrp_ip addr;

	return vrrp_primary_addr(r, &addr);
}

/*
 * A router that cannot advertise (no IPv4 address on its interface, no
 * usable IPv6 link-local) must not be Active: it would keep the vMAC while
 * its peers, hearing nothing, become Active too. It goes to Initialize
 * and sends nothing (it cannot send a priority 0 either), its peers take
 * over after Active_Down_Interval, and its timer looks for an address
 * every Advertisement_Interval to start again as Backup.
 */
static void vrrp_fsm_no_address(struct vrrp_router *r,
				struct vrrp_fsm_out *out)
{
	if (!r->no_address) {
		r->stats.no_address++;
		/* Already in Initialize: only the reason changes. */
		if (r->state == VRRP_STATE_INIT &&
		    r->reason != VRRP_REASON_NO_ADDRESS) {
			r->old_state = VRRP_STATE_INIT;
			r->reason = VRRP_REASON_NO_ADDRESS;
			out->notify = true;
			trace_vrrp_state(r, VRRP_STATE_INIT, VRRP_STATE_INIT,
					 VRRP_REASON_NO_ADDRESS);
		}
		net_warn_ratelimited("%s vrid %u%s: no %s address to advertise from, waiting for one\n",
				     vrrp_dev(r)->name, r->vrid,
				     vrrp_is_v6(r) ? " inet6" : "",
				     vrrp_is_v6(r) ? "link-local" : "IPv4");
	}
	vrrp_fsm_set_state(r, VRRP_STATE_INIT, VRRP_REASON_NO_ADDRESS, out);
	r->no_address = true;
	memset(&r->active_addr, 0, sizeof(r->active_addr));
	vrrp_fsm_arm(r, &r->timer, vrrp_cs_to_us(r->p.interval_cs));
}

static void __vrrp_fsm_startup(struct vrrp_router *r,
			       struct vrrp_fsm_out *out);

static void vrrp_fsm_output(struct vrrp_router *r,
			    const struct vrrp_fsm_out *out)
{
	if (out->notify)
		vrrp_nl_notify(r, VRRP_CMD_STATE_NTF, GFP_ATOMIC);
	/* Before the priority-0 advertisement: hosts must not see it after
	 * the first Router Advertisement of the router taking over.
	 */
	if (out->ra_final)
		vrrp_ra_send(r, true, out->direct);
	if (out->stop_advert)
		vrrp_advert_send(r, true, out->direct);
	else if (out->advert)
		vrrp_advert_send(r, false, false);
	if (out->group_sync)
		vrrp_group_sync(r);
}

/*
 * An expiry that waited for r->lock while another CPU handled an event may
 * be stale: the event re-armed the timer (an advertisement restarted the
 * Active_Down_Timer for an earlier deadline, or made an Active router
 * Backup and armed its Active_Down_Timer) or changed the state it was
 * armed for. Acting on it
 * would make a Backup Active again. The callback runs with its timer
 * dequeued, so a queued timer was started again meanwhile. r->lock held.
 */
static bool vrrp_fsm_timer_stale(const struct vrrp_router *r,
				 struct hrtimer *timer)
{
	lockdep_assert_held(&r->lock);
	if (hrtimer_is_queued(timer))
		return true;
	return timer == &r->timer && r->timer_state != r->state;
}

/*
 * The Active_Down_Timer expired. Before the deadline that advertisements
 * moved on (vrrp_fsm_follow()), it only moves there. At the deadline, it
 * looks once more VRRP_DOWN_RECHECK_US later before acting on it. Timers
 * that expire together run in one pass of the HRTIMER softirq, and NET_RX
 * runs after it: when a CPU was held up (real-time tasks starving its
 * softirqs, a host that did not run the guest), the Active router's
 * advertisements wait in the backlog, and an Active router of this same
 * host (namespaces, containers) sends its advertisement from that very
 * pass, just before this expiry. Acting now would be a false failover; an
 * advertisement received meanwhile moves the deadline on instead (counted
 * as a late advertisement). The cost is a takeover VRRP_DOWN_RECHECK_US
 * after Active_Down_Interval.
 */
static bool vrrp_fsm_down_recheck(struct vrrp_router *r,
				  struct hrtimer *timer)
{
	/* Advertisements moved the deadline on (vrrp_fsm_follow()). */
	if (r->down_at && ktime_before(ktime_get(), r->down_at)) {
		__vrrp_fsm_arm(r, timer, r->down_at, HRTIMER_MODE_ABS_SOFT);
		return true;
	}
	if (r->down_rechecked)
		return false;
	vrrp_fsm_arm(r, timer, VRRP_DOWN_RECHECK_US);
	r->down_rechecked = true;
	return true;
}

static enum hrtimer_restart vrrp_fsm_timer(struct hrtimer *timer)
{
	struct vrrp_router *r = container_of(timer, struct vrrp_router, timer);
	struct vrrp_fsm_out out = {};
	enum vrrp_reason reason;

	spin_lock(&r->lock);
	if (vrrp_fsm_timer_stale(r, timer))
		goto out;
	switch (r->state) {
	case VRRP_STATE_BACKUP:
		/* RFC 9568 6.4.2: the Active_Down_Timer fired. */
		if (vrrp_fsm_down_recheck(r, timer))
			break;
		if (!vrrp_fsm_can_send(r)) {
			vrrp_fsm_no_address(r, &out);
			break;
		}
		if (r->prio0_seen)
			reason = VRRP_REASON_PRIORITY_ZERO;
		else if (r->preempting)
			reason = VRRP_REASON_PREEMPTED;
		else
			reason = VRRP_REASON_ACTIVE_DOWN;
		vrrp_fsm_become_active(r, reason, &out);
		break;
	case VRRP_STATE_ACTIVE:
		/* RFC 9568 6.4.3: the Adver_Timer fired. */
		if (!vrrp_fsm_can_send(r)) {
			vrrp_fsm_no_address(r, &out);
			break;
		}
		r->last_advert = ktime_get();
		out.advert = !r->anycast;
		vrrp_fsm_arm(r, &r->timer, vrrp_fsm_active_us(r));
		break;
	case VRRP_STATE_INIT:
		/* Waiting for an address (stopping clears no_address). */
		if (r->no_address)
			__vrrp_fsm_startup(r, &out);
		break;
	}
out:
	spin_unlock(&r->lock);

	vrrp_fsm_output(r, &out);
	return HRTIMER_NORESTART;
}

/*
 * Gratuitous ARP / unsolicited NA pacing while Active: a burst of
 * garp_count messages garp_spacing apart, a second burst garp_repeat
 * after the first, then one every garp_refresh if set.
 */
static enum hrtimer_restart vrrp_fsm_garp_timer(struct hrtimer *timer)
{
	struct vrrp_router *r = container_of(timer, struct vrrp_router,
					     garp_timer);
	bool send = false;
	u32 next_ms = 0;

	spin_lock(&r->lock);
	/* Re-armed meanwhile: a new burst (addresses changed, or Active
	 * again) that this stale expiry must not pace.
	 */
	if (r->state != VRRP_STATE_ACTIVE ||
	    vrrp_fsm_timer_stale(r, timer))
		goto out;
	send = true;
	if (r->garp_left)
		r->garp_left--;
	if (r->garp_left) {
		next_ms = r->p.garp_spacing_ms;
	} else if (r->garp_second) {
		r->garp_second = false;
		r->garp_left = r->p.garp_count;
		next_ms = r->p.garp_repeat_ms;
	} else {
		next_ms = r->p.garp_refresh_ms;
		if (!next_ms)
			goto out;
	}
	vrrp_fsm_arm(r, &r->garp_timer, next_ms * USEC_PER_MSEC);
out:
	spin_unlock(&r->lock);

	if (send)
		vrrp_garp_send(r, 1);
	return HRTIMER_NORESTART;
}

/* RFC 4861 6.2.4: between a third of MaxRtrAdvInterval and all of it. */
static u32 vrrp_fsm_ra_next_ms(const struct vrrp_router *r)
{
	u32 max = r->p.ra.interval_ms, min = max / 3;

	return min + get_random_u32() % (max - min + 1);
}

/*
 * Router Advertisements of an Active inet6 router: the first few at most
 * MAX_INITIAL_RTR_ADVERT_INTERVAL apart, then at random intervals; an
 * answer to a Router Solicitation comes from this timer too.
 */
static enum hrtimer_restart vrrp_fsm_ra_timer(struct hrtimer *timer)
{
	struct vrrp_router *r = container_of(timer, struct vrrp_router,
					     ra_timer);
	bool send = false;
	u32 next_ms;

	spin_lock(&r->lock);
	if (r->state != VRRP_STATE_ACTIVE || !r->p.ra.on)
		goto out;
	send = true;
	r->ra_last = ktime_get();
	next_ms = vrrp_fsm_ra_next_ms(r);
	if (r->ra_initial && --r->ra_initial)
		next_ms = min_t(u32, next_ms, VRRP_RA_INITIAL_MAX_MS);
	vrrp_fsm_arm(r, &r->ra_timer, next_ms * USEC_PER_MSEC);
out:
	spin_unlock(&r->lock);

	if (send)
		vrrp_ra_send(r, false, false);
	return HRTIMER_NORESTART;
}

/* A Router Solicitation reached the port of @r; RCU read lock held. */
static void vrrp_fsm_rs(struct vrrp_router *r)
{
	ktime_t now, at, earliest;
	u32 delay_us;

	spin_lock_bh(&r->lock);
	if (!r->p.ra.on)
		goto out;
	r->stats.rcvd_router_solicitations++;
	if (r->state != VRRP_STATE_ACTIVE)
		goto out;
	/* RFC 4861 6.2.6: after a random delay, and at most one multicast
	 * Router Advertisement per MIN_DELAY_BETWEEN_RAS.
	 */
	now = ktime_get();
	delay_us = get_random_u32() % (VRRP_RA_DELAY_MAX_MS * USEC_PER_MSEC + 1);
	at = ktime_add_us(now, delay_us);
	earliest = ktime_add_ms(r->ra_last, VRRP_RA_MIN_GAP_MS);
	if (ktime_before(at, earliest))
		at = ktime_add_us(earliest, delay_us);
	/* One already due sooner answers it. */
	if (hrtimer_is_queued(&r->ra_timer) &&
	    !ktime_after(hrtimer_get_expires(&r->ra_timer), at))
		goto out;
	vrrp_fsm_arm(r, &r->ra_timer, ktime_to_us(ktime_sub(at, now)));
out:
	spin_unlock_bh(&r->lock);
}

/**
 * vrrp_fsm_router_solicit() - a Router Solicitation arrived on a port
 * @port: the port
 *
 * Counted by every inet6 router of the port that sends Router
 * Advertisements; the Active ones answer.
 *
 * Context: softirq (the ingress hook), RCU read lock held.
 */
void vrrp_fsm_router_solicit(struct vrrp_port *port)
{
	struct vrrp_router *r;

	list_for_each_entry_rcu(r, &port->list, port_node) {
		if (vrrp_is_v6(r))
			vrrp_fsm_rs(r);
	}
}

/**
 * vrrp_fsm_ra_changed() - Router Advertisement settings were changed
 * @r: the router, with its new configuration
 * @was_on: Router Advertisements were on before
 * @changed: their settings changed
 *
 * An Active router tells hosts at once (RFC 4861 6.2.4): a new series of
 * initial advertisements, or a final one when they are turned off.
 *
 * Context: process context, rtnl held.
 */
void vrrp_fsm_ra_changed(struct vrrp_router *r, bool was_on, bool changed)
{
	bool final = false;

	if (!vrrp_is_v6(r) || !changed)
		return;
	spin_lock_bh(&r->lock);
	if (r->state == VRRP_STATE_ACTIVE) {
		if (r->p.ra.on) {
			r->ra_initial = VRRP_RA_INITIAL_COUNT;
			vrrp_fsm_arm(r, &r->ra_timer, 0);
		} else {
			/* Not for one of several anycast gateways: the
			 * hosts would drop a router the others still are.
			 */
			final = was_on && !r->anycast;
		}
	}
	spin_unlock_bh(&r->lock);
	if (final)
		vrrp_ra_send(r, true, false);
}

/**
 * vrrp_fsm_init() - prepare the state machine of a new router
 * @r: the router, not yet visible to anyone
 */
void vrrp_fsm_init(struct vrrp_router *r)
{
	spin_lock_init(&r->lock);
	r->state = VRRP_STATE_INIT;
	r->old_state = VRRP_STATE_INIT;
	r->reason = VRRP_REASON_NONE;
	hrtimer_setup(&r->timer, vrrp_fsm_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_SOFT);
	hrtimer_setup(&r->garp_timer, vrrp_fsm_garp_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_SOFT);
	hrtimer_setup(&r->ra_timer, vrrp_fsm_ra_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_SOFT);
}

static void __vrrp_fsm_startup(struct vrrp_router *r,
			       struct vrrp_fsm_out *out)
{
	if (r->state != VRRP_STATE_INIT || r->dead || r->fault)
		return;
	if (!vrrp_fsm_can_send(r)) {
		vrrp_fsm_no_address(r, out);
		return;
	}
	r->no_address = false;
	if (r->anycast) {
		vrrp_fsm_become_active(r, VRRP_REASON_ANYCAST, out);
	} else if (r->p.priority == VRRP_PRIO_OWNER) {
		vrrp_fsm_become_active(r, VRRP_REASON_OWNER, out);
	} else {
		r->active_adver_cs = r->p.interval_cs;
		memset(&r->active_addr, 0, sizeof(r->active_addr));
		vrrp_fsm_set_state(r, VRRP_STATE_BACKUP, VRRP_REASON_STARTUP,
				   out);
		vrrp_fsm_arm(r, &r->timer, vrrp_fsm_down(r));
	}
}

/**
 * vrrp_fsm_startup() - the Startup event (RFC 9568 section 6.4.1)
 * @r: the router
 *
 * The address owner and an anycast gateway become Active at once; any
 * other router becomes Backup and waits Active_Down_Interval for an
 * Active router. Without an
 * address to advertise from it waits in Initialize for one (reason
 * no-address) and starts when it appears.
 *
 * Context: process context, rtnl held.
 */
void vrrp_fsm_startup(struct vrrp_router *r)
{
	struct vrrp_fsm_out out = {};

	spin_lock_bh(&r->lock);
	__vrrp_fsm_startup(r, &out);
	spin_unlock_bh(&r->lock);

	vrrp_fsm_output(r, &out);
}

struct vrrp_fsm_remote {
	struct work_struct		work;
	struct vrrp_router		*r;
	const struct vrrp_fsm_out	*out;
};

static void vrrp_fsm_remote_output(struct work_struct *work)
{
	struct vrrp_fsm_remote *w = container_of(work, struct vrrp_fsm_remote,
						 work);

	vrrp_fsm_output(w->r, w->out);
}

/*
 * What one CPU sends reaches the peers in the order it was sent; what two
 * CPUs send need not: a veth peer queues each packet to the backlog of
 * the CPU that sent it, a multiqueue NIC to the transmit queue of that CPU
 * (XPS). The Adver_Timer's last advertisement may have left from another
 * CPU just before the shutdown (its callback is done, the packet is not),
 * and a Backup that receives it after the priority-0 one restarts its
 * Active_Down_Timer for a whole Active_Down_Interval instead of Skew_Time.
 * Send the priority-0 advertisement from the CPU of the last one.
 *
 * Context: process context, the timers cancelled.
 */
static void vrrp_fsm_stop_output(struct vrrp_router *r,
				 const struct vrrp_fsm_out *out)
{
	struct vrrp_fsm_remote w = { .r = r, .out = out };
	int cpu;

	/* Nothing to keep in order without a goodbye. */
	if (!out->stop_advert) {
		vrrp_fsm_output(r, out);
		return;
	}
	spin_lock_bh(&r->lock);
	cpu = r->tx_cpu;
	spin_unlock_bh(&r->lock);

	migrate_disable();
	if (cpu == smp_processor_id() || !cpu_online(cpu)) {
		vrrp_fsm_output(r, out);
		migrate_enable();
		return;
	}
	migrate_enable();

	INIT_WORK_ONSTACK(&w.work, vrrp_fsm_remote_output);
	queue_work_on(cpu, system_highpri_wq, &w.work);
	flush_work(&w.work);
	destroy_work_on_stack(&w.work);
}

static void __vrrp_fsm_stop(struct vrrp_router *r, enum vrrp_stop how,
			    enum vrrp_reason reason, bool kill)
{
	struct vrrp_fsm_out out = {};

	spin_lock_bh(&r->lock);
	/*
	 * RFC 9568 6.4.3 Shutdown event: an Active router sends an
	 * ADVERTISEMENT with Priority 0 so a Backup takes over after
	 * Skew_Time instead of Active_Down_Interval. The other members of
	 * an anycast gateway are Active already, and have nothing to hear.
	 */
	if (r->state == VRRP_STATE_ACTIVE && how != VRRP_STOP_SILENT &&
	    !r->anycast) {
		out.stop_advert = true;
		out.direct = how == VRRP_STOP_DIRECT;
		/* RFC 4861 6.2.5: no longer a default router */
		out.ra_final = vrrp_is_v6(r) && r->p.ra.on;
		if (how == VRRP_STOP_ANNOUNCE)
			vrrp_fsm_drain(r);
	}
	/* A link going down (or gone) forwards nothing more. */
	if (how != VRRP_STOP_ANNOUNCE)
		WRITE_ONCE(r->drain_until, 0);
	vrrp_fsm_set_state(r, VRRP_STATE_INIT, reason, &out);
	memset(&r->active_addr, 0, sizeof(r->active_addr));
	/* Whatever stops it now also restarts it, not an address. */
	r->no_address = false;
	if (kill)
		r->dead = true;
	spin_unlock_bh(&r->lock);

	/* In Init, no_address cleared, the callbacks do nothing and re-arm
	 * nothing.
	 */
	hrtimer_cancel(&r->timer);
	hrtimer_cancel(&r->garp_timer);
	hrtimer_cancel(&r->ra_timer);
	vrrp_fsm_stop_output(r, &out);
}

/**
 * vrrp_fsm_shutdown() - the Shutdown event (RFC 9568 section 6.4)
 * @r: the router
 * @how: whether to announce it with a priority-0 advertisement, and how
 * @reason: why, for the event and the counters
 *
 * The router goes to Initialize; vrrp_fsm_startup() brings it back.
 *
 * Context: process context, rtnl held.
 */
void vrrp_fsm_shutdown(struct vrrp_router *r, enum vrrp_stop how,
		       enum vrrp_reason reason)
{
	__vrrp_fsm_stop(r, how, reason, false);
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
	__vrrp_fsm_stop(r, VRRP_STOP_ANNOUNCE, VRRP_REASON_DELETED, true);
}

/**
 * vrrp_fsm_changed() - the configuration of a running router changed
 * @r: the router
 * @addrs_changed: the virtual addresses changed
 *
 * Applied without a state change where RFC 9568 allows: an Active router
 * advertises the new parameters at once (and announces new addresses),
 * and installs or removes the Accept_Mode and owner addresses;
 * a Backup recomputes its timers from the next advertisement. Only a
 * version change restarts the router (the caller does that).
 *
 * Context: process context, rtnl held.
 */
void vrrp_fsm_changed(struct vrrp_router *r, bool addrs_changed)
{
	struct vrrp_fsm_out out = {};

	spin_lock_bh(&r->lock);
	if (r->state == VRRP_STATE_ACTIVE) {
		out.advert = !r->anycast;
		vrrp_fsm_arm(r, &r->timer, vrrp_fsm_active_us(r));
		if (addrs_changed) {
			r->garp_left = r->p.garp_count;
			r->garp_second = false;
			vrrp_fsm_arm(r, &r->garp_timer, 0);
		}
	} else if (r->state == VRRP_STATE_BACKUP && r->p.version == 2) {
		/* VRRPv2 does not learn: the configured interval rules. */
		r->active_adver_cs = r->p.interval_cs;
	}
	spin_unlock_bh(&r->lock);

	/* The addresses an Active router installs depend on the address
	 * list, Accept_Mode and whether it is the owner: whatever changed,
	 * they follow now, not at the next transition.
	 */
	vrrp_sync_schedule(r);
	vrrp_fsm_output(r, &out);
}

/* Compare primary addresses as unsigned integers in network byte order. */
static int vrrp_fsm_addr_cmp(const struct vrrp_router *r,
			     const union vrrp_ip *a, const union vrrp_ip *b)
{
	if (vrrp_is_v6(r))
		return memcmp(&a->v6, &b->v6, sizeof(a->v6));
	if (a->v4 == b->v4)
		return 0;
	return ntohl(a->v4) > ntohl(b->v4) ? 1 : -1;
}

/*
 * At equal priorities the larger primary address wins (6.4.3): does the
 * sender's beat ours? With no address of our own to compare, it does.
 */
static bool vrrp_fsm_tie_lost(struct vrrp_router *r,
			      const union vrrp_ip *saddr)
{
	union vrrp_ip ours;

	if (!vrrp_primary_addr(r, &ours))
		return true;
	return vrrp_fsm_addr_cmp(r, saddr, &ours) > 0;
}

/*
 * Preempt delay: may a Backup preempt a lower-priority Active router now?
 * The delay runs from the first such advertisement (VRRP_ACT_WAIT). The
 * address owner, which preempts whatever Preempt_Mode says (RFC 9568
 * 6.1), never gets here: it discards every advertisement (7.1, see
 * vrrp_rx_validate()) and its Active_Down_Timer makes it Active.
 */
static bool vrrp_fsm_may_preempt(const struct vrrp_router *r, ktime_t now)
{
	if (!r->p.preempt || r->group_held)
		return false;
	return !r->p.preempt_delay_ms ||
	       (r->preempt_after && ktime_after(now, r->preempt_after));
}

/**
 * enum vrrp_fsm_act - what an ADVERTISEMENT makes a router do
 * @VRRP_ACT_NONE: nothing (Initialize)
 * @VRRP_ACT_SKEW: Backup, priority 0 heard: Active_Down_Timer = Skew_Time
 * @VRRP_ACT_FOLLOW: Backup, an Active router at least as good as us: learn
 *	its interval (VRRPv3), restart the Active_Down_Timer
 * @VRRP_ACT_WAIT: Backup, a lower priority that we may not preempt (yet):
 *	as FOLLOW, and the preempt delay starts
 * @VRRP_ACT_PREEMPT: Backup, a lower priority that we may preempt:
 *	discard it, the Active_Down_Timer makes us Active
 * @VRRP_ACT_ADVERTISE: Active, priority 0 heard: advertise at once and
 *	restart the Adver_Timer
 * @VRRP_ACT_YIELD: Active, a higher priority, or an equal one from a larger
 *	primary address: become Backup
 * @VRRP_ACT_ASSERT: Active, a lower priority: discard it and advertise at
 *	once (rate limited)
 */
enum vrrp_fsm_act {
	VRRP_ACT_NONE,
	VRRP_ACT_SKEW,
	VRRP_ACT_FOLLOW,
	VRRP_ACT_WAIT,
	VRRP_ACT_PREEMPT,
	VRRP_ACT_ADVERTISE,
	VRRP_ACT_YIELD,
	VRRP_ACT_ASSERT,
};

/*
 * The receive half of the state transition table (RFC 9568 6.4.2 and
 * 6.4.3), apart from its effects so that it can be checked row by row.
 * @theirs is the sender's priority, @ours our effective one; @tie_lost
 * (read at equal priorities) says the sender's primary address is the
 * larger, @preempt (read for a lower priority) that we may preempt now.
 */
static enum vrrp_fsm_act vrrp_fsm_rx_act(enum vrrp_state state, u8 theirs,
					 u8 ours, bool tie_lost, bool preempt)
{
	switch (state) {
	case VRRP_STATE_BACKUP:
		if (theirs == VRRP_PRIO_STOP)
			return VRRP_ACT_SKEW;
		if (theirs >= ours)
			return VRRP_ACT_FOLLOW;
		return preempt ? VRRP_ACT_PREEMPT : VRRP_ACT_WAIT;
	case VRRP_STATE_ACTIVE:
		if (theirs == VRRP_PRIO_STOP)
			return VRRP_ACT_ADVERTISE;
		if (theirs > ours || (theirs == ours && tie_lost))
			return VRRP_ACT_YIELD;
		return VRRP_ACT_ASSERT;
	default:
		return VRRP_ACT_NONE;
	}
}

/*
 * RFC 9568 6.4.2: a Backup follows the Active router it heard, and its
 * Active_Down_Timer starts again. Restarting an hrtimer dequeues and
 * enqueues it, and reprograms the clock event device when it was the
 * first to expire, which a Backup's Active_Down_Timer, restarted every
 * Advertisement_Interval, nearly always is: at 10 ms that is a hundred
 * restarts a second per router. A timer armed to expire no later than
 * the new deadline is left alone; it moves itself to @down_at when it
 * fires (vrrp_fsm_down_recheck()), about once per Active_Down_Interval.
 */
static void vrrp_fsm_follow(struct vrrp_router *r, u16 adver_cs,
			    const union vrrp_ip *saddr, ktime_t now)
{
	ktime_t down;

	if (r->down_rechecked)
		r->stats.late_advertisements++;
	r->prio0_seen = false;
	if (r->p.version == 3)
		r->active_adver_cs = adver_cs;
	r->active_addr = *saddr;
	down = ktime_add_us(now, vrrp_fsm_down(r));
	if (!r->dead && r->timer_state == VRRP_STATE_BACKUP &&
	    hrtimer_is_queued(&r->timer) &&
	    !ktime_after(hrtimer_get_expires(&r->timer), down)) {
		r->down_rechecked = false;
		r->down_at = down;
		return;
	}
	__vrrp_fsm_arm(r, &r->timer, down, HRTIMER_MODE_ABS_SOFT);
}

/**
 * vrrp_fsm_advert() - a valid ADVERTISEMENT was received
 * @r: the router it is for
 * @priority: the sender's priority
 * @adver_cs: the sender's interval, centiseconds (not 0)
 * @saddr: the sender's primary address
 *
 * Context: softirq (the receive path), RCU read lock held.
 */
void vrrp_fsm_advert(struct vrrp_router *r, u8 priority, u16 adver_cs,
		     const union vrrp_ip *saddr)
{
	struct vrrp_fsm_out out = {};
	ktime_t now = ktime_get();
	bool tie_lost = false;
	s64 since, wait_ms;
	u8 ours;

	spin_lock(&r->lock);
	r->stats.rcvd_advertisements++;
	/* A drain over is forgotten: a 32-bit jiffies would see it again. */
	if (r->drain_until && !vrrp_is_draining(r))
		WRITE_ONCE(r->drain_until, 0);
	if (priority == VRRP_PRIO_STOP)
		r->stats.rcvd_pri_zero++;
	/* Another router is Active: a drain ends (drain.c). */
	else
		vrrp_fsm_drain_end(r, adver_cs);

	ours = vrrp_prio(r);
	if (priority == ours && r->state == VRRP_STATE_ACTIVE)
		tie_lost = vrrp_fsm_tie_lost(r, saddr);

	switch (vrrp_fsm_rx_act(r->state, priority, ours, tie_lost,
				vrrp_fsm_may_preempt(r, now))) {
	case VRRP_ACT_NONE:
		break;
	case VRRP_ACT_SKEW:
		r->prio0_seen = true;
		vrrp_fsm_arm(r, &r->timer, vrrp_fsm_skew(r));
		break;
	case VRRP_ACT_FOLLOW:
		r->preempting = false;
		r->preempt_after = 0;
		vrrp_fsm_follow(r, adver_cs, saddr, now);
		break;
	case VRRP_ACT_WAIT:
		/* The delay starts for a router that may preempt at all. */
		if (r->p.preempt && !r->group_held && !r->preempt_after)
			r->preempt_after = ktime_add_ms(now,
							r->p.preempt_delay_ms);
		vrrp_fsm_follow(r, adver_cs, saddr, now);
		break;
	case VRRP_ACT_PREEMPT:
		r->preempting = true;
		break;
	case VRRP_ACT_ADVERTISE:
		/* Answer at once, so that a Backup hears us again before its
		 * Skew_Time. A flood is answered at most once per
		 * VRRP_ASSERT_MIN_MS: the Adver_Timer answers the last one
		 * when that time has passed.
		 */
		since = ktime_ms_delta(now, r->last_advert);
		if (since >= VRRP_ASSERT_MIN_MS) {
			r->last_advert = now;
			out.advert = true;
			vrrp_fsm_arm(r, &r->timer, vrrp_cs_to_us(r->p.interval_cs));
		} else {
			wait_ms = VRRP_ASSERT_MIN_MS - since;
			vrrp_fsm_arm(r, &r->timer, wait_ms * USEC_PER_MSEC);
		}
		break;
	case VRRP_ACT_YIELD:
		/* Preempted, or our priority fell below a Backup's: the new
		 * Active router is heard already, forward what is in flight.
		 */
		vrrp_fsm_drain(r);
		vrrp_fsm_drain_end(r, adver_cs);
		vrrp_fsm_become_backup(r, r->p.version == 3 ?
				       adver_cs : r->p.interval_cs,
				       saddr, &out);
		break;
	case VRRP_ACT_ASSERT:
		/* Assert our Active state at once, which also updates the
		 * learning bridges between us; rate limited so a flood is
		 * not answered packet for packet (a missed answer costs
		 * nothing: the sender is not a better router).
		 */
		if (ktime_ms_delta(now, r->last_advert) >=
		    VRRP_ASSERT_MIN_MS) {
			r->last_advert = now;
			out.advert = true;
		}
		break;
	}
	spin_unlock(&r->lock);

	vrrp_fsm_output(r, &out);
}

/**
 * vrrp_fsm_track() - apply what tracking says to a router
 * @r: the router
 * @penalty: priority lost to tracked objects that are down
 * @fault: a tracked object with weight 0 (or a sync group member) is down
 *
 * A fault stops the router (an Active one announces priority 0 first)
 * until it clears; a new effective priority is advertised at once by an
 * Active router, and a Backup uses it from the next advertisement on.
 *
 * Context: process context, rtnl held.
 * Return: whether the penalty or the fault changed.
 */
bool vrrp_fsm_track(struct vrrp_router *r, unsigned int penalty, bool fault)
{
	struct vrrp_fsm_out out = {};
	bool changed, stop = false, start = false;
	u8 old_prio;

	ASSERT_RTNL();
	spin_lock_bh(&r->lock);
	changed = r->penalty != penalty || r->fault != fault;
	old_prio = vrrp_prio(r);
	WRITE_ONCE(r->penalty, penalty);
	if (fault && !r->fault)
		stop = true;
	else if (!fault && r->fault)
		start = true;
	r->fault = fault;
	if (!stop && r->state == VRRP_STATE_ACTIVE && !r->anycast &&
	    vrrp_prio(r) != old_prio) {
		out.advert = true;
		vrrp_fsm_arm(r, &r->timer, vrrp_cs_to_us(r->p.interval_cs));
	}
	spin_unlock_bh(&r->lock);

	vrrp_fsm_output(r, &out);
	if (stop)
		vrrp_fsm_shutdown(r, VRRP_STOP_ANNOUNCE, VRRP_REASON_FAULT);
	else if (start && vrrp_link_ok(vrrp_dev(r)))
		vrrp_fsm_startup(r);
	return changed;
}

/**
 * vrrp_fsm_group_event() - another member of the sync group changed state
 * @r: a router
 * @group: the group's name
 * @active: the member became Active (else it left Active for Backup)
 *
 * When a member leaves Active, @r (if Active and in @group) announces
 * priority 0 and becomes Backup, so that its peer takes over after
 * Skew_Time, and does not preempt until a member becomes Active again
 * (or it is reconfigured).
 *
 * Context: any but hard interrupt; RCU read lock held, no router lock.
 */
void vrrp_fsm_group_event(struct vrrp_router *r, const char *group,
			  bool active)
{
	struct vrrp_fsm_out out = {};

	spin_lock_bh(&r->lock);
	if (strncmp(r->p.group, group, VRRP_NAMSIZ))
		goto out;
	if (active) {
		WRITE_ONCE(r->group_held, false);
	} else if (r->state == VRRP_STATE_ACTIVE) {
		WRITE_ONCE(r->group_held, true);
		out.stop_advert = true;
		vrrp_fsm_drain(r);
		vrrp_fsm_set_state(r, VRRP_STATE_BACKUP,
				   VRRP_REASON_SYNC_GROUP, &out);
		r->active_adver_cs = r->p.interval_cs;
		memset(&r->active_addr, 0, sizeof(r->active_addr));
		vrrp_fsm_arm(r, &r->timer, vrrp_fsm_down(r));
	}
out:
	spin_unlock_bh(&r->lock);

	vrrp_fsm_output(r, &out);
}

#if IS_ENABLED(CONFIG_KUNIT)
#include "tests/fsm_kunit.c"
#endif
