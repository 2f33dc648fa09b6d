// SPDX-License-Identifier: GPL-2.0
/*
 * Tracking and sync groups.
 *
 * A virtual router may track interfaces (carrier and admin state, from
 * the netdevice notifier) and named health checks (set up or down by a
 * netlink request). A tracked object that is down costs the router its
 * weight in priority; one with weight 0 puts the router in a fault: it
 * stops (an Active router announces priority 0) until the object is up.
 * Interface changes count only once they have lasted the router's track
 * delay (up or down), which hides flaps. A tracked interface is its name,
 * not its index: a VLAN or bond that ifupdown or networkd deletes and
 * creates again is tracked again, and one that is absent counts as down.
 * A health check may have a lifetime (ttl): without a report for that
 * long it expires and counts as down, so that a dead script or runner
 * fails closed. The delayed track work of each router runs at its
 * earliest deadline of either kind.
 *
 * Routers of a namespace with the same sync group name share their
 * penalties and faults (a member whose interface is down is a fault for
 * the others), so that they are demoted together; the state machine
 * also takes the group along when one member leaves Active for Backup
 * (vrrp_group_sync()).
 *
 * Everything here runs with rtnl held, but vrrp_group_sync(), which
 * runs from the state machine and finds the members in the group index
 * under RCU: a state change costs one pass over its group, not over
 * every router of the namespace.
 */
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>

#include "vrrp.h"
#include "trace.h"

static void vrrp_track_work(struct work_struct *work);
static bool vrrp_track_settle(struct vrrp_router *r, unsigned long *next);
static void vrrp_track_schedule(struct vrrp_router *r, unsigned long delay);

/*
 * A health check reported now lives for @ttl_ms, or for its own ttl when
 * 0. Router lock held, or the item not shared yet.
 */
static void vrrp_check_arm(struct vrrp_track_item *it, u32 ttl_ms)
{
	ttl_ms = ttl_ms ?: it->ttl_ms;
	it->expiring = ttl_ms;
	it->expires = jiffies + msecs_to_jiffies(ttl_ms);
}

/* Queue the track work for the next deadline; rtnl held. */
static void vrrp_track_arm(struct vrrp_router *r)
{
	unsigned long next;

	/* What is due now is applied by the caller's tracking update. */
	vrrp_track_settle(r, &next);
	if (next)
		vrrp_track_schedule(r, next);
}

/* An interface's state now; rtnl held. */
static bool vrrp_track_seen(struct net *net, const struct vrrp_track_item *it)
{
	struct net_device *dev;

	if (!it->iface)
		return true;
	dev = it->ifindex ? __dev_get_by_index(net, it->ifindex) : NULL;
	return dev && vrrp_link_ok(dev);
}

/**
 * vrrp_track_init() - give a new router its tracked objects
 * @r: the router, not yet in any list
 * @tracks: the objects (copied), or NULL for none
 *
 * Interfaces count in the state they are in now, without delay.
 *
 * Context: rtnl held.
 */
void vrrp_track_init(struct vrrp_router *r, struct vrrp_tracks *tracks)
{
	struct net *net = dev_net(vrrp_dev(r));
	struct vrrp_track_item *it;
	unsigned int i;

	INIT_DELAYED_WORK(&r->track_work, vrrp_track_work);
	if (!tracks)
		return;
	r->tracks = *tracks;
	for (i = 0; i < r->tracks.n; i++) {
		it = &r->tracks.items[i];
		it->seen_up = vrrp_track_seen(net, it);
		it->up = it->seen_up;
		it->since = jiffies;
		if (!it->iface)
			vrrp_check_arm(it, 0);
	}
	vrrp_track_arm(r);
}

static struct vrrp_track_item *vrrp_track_find(struct vrrp_tracks *t,
					       const struct vrrp_track_item *k)
{
	unsigned int i;

	for (i = 0; i < t->n; i++) {
		if (t->items[i].iface == k->iface &&
		    !strncmp(t->items[i].name, k->name, VRRP_NAMSIZ))
			return &t->items[i];
	}
	return NULL;
}

/**
 * vrrp_track_replace() - replace the tracked objects of a router
 * @r: the router
 * @tracks: the new objects (consumed), validated by the caller
 * @extack: unused for now
 *
 * Objects that stay keep their state (a health check that was set down
 * stays down, one that expired stays expired); new interfaces count as
 * they are, new health checks start up. The lifetime of a health check
 * starts again when it is new or its ttl changed. The caller runs
 * vrrp_track_update().
 *
 * Context: rtnl held.
 * Return: 0.
 */
int vrrp_track_replace(struct vrrp_router *r, struct vrrp_tracks *tracks,
		       struct netlink_ext_ack *extack)
{
	struct net *net = dev_net(vrrp_dev(r));
	struct vrrp_track_item *it, *old;
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; i < tracks->n; i++) {
		it = &tracks->items[i];
		old = vrrp_track_find(&r->tracks, it);
		if (old) {
			it->up = old->up;
			it->seen_up = old->seen_up;
			it->since = old->since;
			it->expiring = old->expiring;
			it->expired = old->expired;
			it->expires = old->expires;
			if (!it->iface && !it->expired &&
			    it->ttl_ms != old->ttl_ms)
				vrrp_check_arm(it, 0);
			continue;
		}
		it->seen_up = vrrp_track_seen(net, it);
		it->up = it->seen_up;
		it->since = jiffies;
		if (!it->iface)
			vrrp_check_arm(it, 0);
	}
	spin_lock_bh(&r->lock);
	r->tracks = *tracks;
	spin_unlock_bh(&r->lock);
	vrrp_track_arm(r);
	return 0;
}

/**
 * vrrp_track_has_check() - is there a health check of that name
 * @tracks: tracked objects
 * @name: the health check's name
 *
 * Context: rtnl held, or @tracks not shared.
 * Return: whether @tracks holds a health check @name.
 */
bool vrrp_track_has_check(const struct vrrp_tracks *tracks, const char *name)
{
	unsigned int i;

	for (i = 0; i < tracks->n; i++)
		if (!tracks->items[i].iface &&
		    !strncmp(tracks->items[i].name, name, VRRP_NAMSIZ))
			return true;
	return false;
}

/**
 * vrrp_track_set_state() - a health check reports up or down
 * @r: the router
 * @name: the health check
 * @up: its new state
 * @ttl_ms: the lifetime of this report, 0 for the check's own ttl
 * @extack: for the reason of a failure
 *
 * A report that changes nothing (a refresh) only moves the check's
 * deadline: no tracking pass, no event.
 *
 * Context: rtnl held.
 * Return: 0, or -ENOENT when the router has no health check @name.
 */
int vrrp_track_set_state(struct vrrp_router *r, const char *name, bool up,
			 u32 ttl_ms, struct netlink_ext_ack *extack)
{
	struct vrrp_track_item key = {}, *it;
	unsigned long next;
	bool changed;

	ASSERT_RTNL();
	strscpy(key.name, name, sizeof(key.name));
	it = vrrp_track_find(&r->tracks, &key);
	if (!it) {
		NL_SET_ERR_MSG(extack, "no health check of that name on the virtual router");
		return -ENOENT;
	}
	changed = it->up != up || it->expired;
	spin_lock_bh(&r->lock);
	it->up = up;
	it->seen_up = up;
	it->expired = false;
	vrrp_check_arm(it, ttl_ms);
	spin_unlock_bh(&r->lock);
	if (changed) {
		trace_vrrp_check(r, it);
		r->track_ntf = true;
	}
	/* The work waits for the earliest deadline, which may be this one. */
	if (vrrp_track_settle(r, &next))
		changed = true;
	if (next)
		vrrp_track_schedule(r, next);
	if (changed)
		vrrp_track_update_router(r);
	return 0;
}

/**
 * vrrp_track_set_check() - a health check reports up or down to every
 *	router of a namespace that tracks it
 * @net: the namespace
 * @name: the health check
 * @up: its new state
 * @ttl_ms: the lifetime of this report, 0 for each check's own ttl
 *
 * Context: rtnl held.
 * Return: 0, or -ENOENT when no router of @net has a health check @name.
 */
int vrrp_track_set_check(struct net *net, const char *name, bool up,
			 u32 ttl_ms)
{
	struct vrrp_net *vn = vrrp_pernet(net);
	struct vrrp_router *r;
	bool found = false;

	ASSERT_RTNL();
	list_for_each_entry(r, &vn->routers, net_node) {
		if (vrrp_track_has_check(&r->tracks, name)) {
			vrrp_track_set_state(r, name, up, ttl_ms, NULL);
			found = true;
		}
		cond_resched();
	}
	return found ? 0 : -ENOENT;
}

/* Penalty of a router's own tracked objects; *fault set on a fault. */
static unsigned int vrrp_track_penalty(const struct vrrp_router *r,
				       bool *fault)
{
	unsigned int i, penalty = 0;

	for (i = 0; i < r->tracks.n; i++) {
		const struct vrrp_track_item *it = &r->tracks.items[i];

		if (it->up)
			continue;
		if (!it->weight)
			*fault = true;
		penalty += it->weight;
	}
	return penalty;
}

static bool vrrp_same_group(const struct vrrp_router *a,
			    const struct vrrp_router *b)
{
	return a == b || (a->p.group[0] &&
			  !strncmp(a->p.group, b->p.group, VRRP_NAMSIZ));
}

static u32 vrrp_group_hash(const char *group)
{
	return jhash(group, strnlen(group, VRRP_NAMSIZ), 0);
}

/**
 * vrrp_group_index() - enter a router in its namespace's sync group index
 * @r: the router, in no index, its configuration set
 *
 * Context: rtnl held.
 */
void vrrp_group_index(struct vrrp_router *r)
{
	struct vrrp_net *vn = vrrp_pernet(dev_net(vrrp_dev(r)));

	ASSERT_RTNL();
	if (r->p.group[0])
		hash_add_rcu(vn->groups, &r->group_node,
			     vrrp_group_hash(r->p.group));
}

/**
 * vrrp_group_unindex() - remove a router from the sync group index
 * @r: the router
 *
 * vrrp_group_sync() walks the index under RCU: before the router enters
 * it again under another name, a grace period must pass, or a walker
 * standing on it would go on into the other name's chain and miss the
 * rest of its own.
 *
 * Context: rtnl held.
 */
void vrrp_group_unindex(struct vrrp_router *r)
{
	ASSERT_RTNL();
	if (hash_hashed(&r->group_node))
		hash_del_rcu(&r->group_node);
}

static void vrrp_track_apply(struct vrrp_router *r, unsigned int penalty,
			     bool fault)
{
	/* A health check's new state is news even at the same priority. */
	if (vrrp_fsm_track(r, min(penalty, 255U), fault) || r->track_ntf)
		vrrp_nl_notify(r, VRRP_CMD_CHANGE_NTF, GFP_KERNEL);
	r->track_ntf = false;
}

/*
 * Apply tracking to the sync group of @r (to @r alone without one): the
 * members are found in the group index, so that a namespace of many
 * routers costs one pass per group, not one over every router per router.
 * Each member updated is stamped with @gen.
 */
static void vrrp_track_group(struct vrrp_net *vn, struct vrrp_router *r,
			     u32 gen)
{
	unsigned int penalty = 0, down = 0;
	struct vrrp_router *m;
	bool fault = false;
	u32 hash;

	if (!r->p.group[0]) {
		penalty = vrrp_track_penalty(r, &fault);
		r->track_gen = gen;
		vrrp_track_apply(r, penalty, fault);
		return;
	}
	hash = vrrp_group_hash(r->p.group);
	hash_for_each_possible(vn->groups, m, group_node, hash) {
		if (!vrrp_same_group(r, m))
			continue;
		penalty += vrrp_track_penalty(m, &fault);
		down += !vrrp_link_ok(vrrp_dev(m));
	}
	hash_for_each_possible(vn->groups, m, group_node, hash) {
		if (!vrrp_same_group(r, m))
			continue;
		m->track_gen = gen;
		/* Another member's interface down is a fault. */
		vrrp_track_apply(m, penalty,
				 fault || down > !vrrp_link_ok(vrrp_dev(m)));
	}
}

static u32 vrrp_track_gen(struct vrrp_net *vn)
{
	/* 0 is what a new router carries: never a pass's stamp. */
	if (!++vn->track_gen)
		++vn->track_gen;
	return vn->track_gen;
}

/**
 * vrrp_track_update() - apply tracking and sync groups to every router
 *	of a namespace
 * @net: the namespace
 *
 * A router's penalty is the sum of the weights of the tracked objects
 * that are down, over its whole sync group; it is in fault when one of
 * those with weight 0 is down, or when another member's interface is.
 *
 * Context: rtnl held.
 */
void vrrp_track_update(struct net *net)
{
	struct vrrp_net *vn = vrrp_pernet(net);
	struct vrrp_router *r;
	u32 gen;

	ASSERT_RTNL();
	gen = vrrp_track_gen(vn);
	list_for_each_entry(r, &vn->routers, net_node) {
		if (r->track_gen != gen)
			vrrp_track_group(vn, r, gen);
		cond_resched();
	}
}

/**
 * vrrp_track_update_router() - apply tracking to one router and its
 *	sync group
 * @r: the router, whose own tracked objects or group membership changed
 *
 * Context: rtnl held.
 */
void vrrp_track_update_router(struct vrrp_router *r)
{
	struct vrrp_net *vn = vrrp_pernet(dev_net(vrrp_dev(r)));

	ASSERT_RTNL();
	vrrp_track_group(vn, r, vrrp_track_gen(vn));
}

static void vrrp_track_schedule(struct vrrp_router *r, unsigned long delay)
{
	if (r->dead)
		return;
	refcount_inc(&r->refcnt);
	/* Already queued: it holds a reference of its own. */
	if (mod_delayed_work(vrrp_wq, &r->track_work, delay))
		vrrp_router_put(r);
}

/* Fold a wait of @left jiffies (at least 1) into *next (0: none yet). */
static void vrrp_track_next(unsigned long *next, unsigned long left)
{
	if (!*next || left < *next)
		*next = left;
}

/*
 * A health check past its deadline expires: down until the next report.
 * Return whether it did; else fold its deadline into *next.
 */
static bool vrrp_check_expire(struct vrrp_router *r,
			      struct vrrp_track_item *it, unsigned long *next)
{
	unsigned long now = jiffies;

	if (!it->expiring)
		return false;
	if (time_before(now, it->expires)) {
		vrrp_track_next(next, it->expires - now);
		return false;
	}
	spin_lock_bh(&r->lock);
	it->expiring = false;
	it->expired = true;
	it->up = false;
	it->seen_up = false;
	spin_unlock_bh(&r->lock);
	trace_vrrp_check(r, it);
	r->track_ntf = true;
	return true;
}

/*
 * Apply the interface changes that have lasted their delay and expire
 * the health checks past their deadline; return whether anything
 * changed, and in *next the time to wait for the rest.
 */
static bool vrrp_track_settle(struct vrrp_router *r, unsigned long *next)
{
	bool changed = false;
	unsigned int i;

	*next = 0;
	for (i = 0; i < r->tracks.n; i++) {
		struct vrrp_track_item *it = &r->tracks.items[i];
		unsigned long due, left;
		u32 delay_ms;

		if (!it->iface) {
			if (vrrp_check_expire(r, it, next))
				changed = true;
			continue;
		}
		if (it->up == it->seen_up)
			continue;
		delay_ms = it->seen_up ? r->p.track_delay_up_ms :
					 r->p.track_delay_down_ms;
		due = it->since + msecs_to_jiffies(delay_ms);
		left = due - jiffies;
		if (time_after_eq(jiffies, due)) {
			spin_lock_bh(&r->lock);
			it->up = it->seen_up;
			spin_unlock_bh(&r->lock);
			changed = true;
		} else {
			vrrp_track_next(next, left);
		}
	}
	return changed;
}

static void vrrp_track_work(struct work_struct *work)
{
	struct vrrp_router *r = container_of(to_delayed_work(work),
					     struct vrrp_router, track_work);
	unsigned long next;

	rtnl_lock();
	if (!r->dead) {
		if (vrrp_track_settle(r, &next))
			vrrp_track_update_router(r);
		if (next)
			vrrp_track_schedule(r, next);
	}
	rtnl_unlock();
	vrrp_router_put(r);
}

/*
 * Follow @dev's @event where @it tracks it or its name: bind the device
 * that takes the name, unbind one that is deleted or renamed away, and
 * note its state. Return whether the state seen changed. rtnl held.
 */
static bool vrrp_track_follow(struct vrrp_router *r, struct vrrp_track_item *it,
			      struct net_device *dev, unsigned long event)
{
	bool named = !strncmp(dev->name, it->name, IFNAMSIZ);
	int ifindex = it->ifindex;
	bool seen;

	if (ifindex == dev->ifindex) {
		if (event == NETDEV_UNREGISTER || !named)
			ifindex = 0;
	} else if (!ifindex && named && event != NETDEV_UNREGISTER) {
		ifindex = dev->ifindex;
	} else {
		return false;
	}
	seen = ifindex && vrrp_link_ok(dev);
	if (ifindex == it->ifindex && seen == it->seen_up)
		return false;
	spin_lock_bh(&r->lock);
	it->ifindex = ifindex;
	if (seen == it->seen_up) {
		spin_unlock_bh(&r->lock);
		return false;
	}
	it->seen_up = seen;
	spin_unlock_bh(&r->lock);
	it->since = jiffies;
	return true;
}

/**
 * vrrp_track_netdev() - an interface changed: follow it where tracked
 * @dev: the interface
 * @event: the netdevice event
 *
 * Context: rtnl held (the netdevice notifier).
 */
void vrrp_track_netdev(struct net_device *dev, unsigned long event)
{
	struct vrrp_net *vn = vrrp_pernet(dev_net(dev));
	bool changed = vrrp_port_lookup_rtnl(dev);
	unsigned long next;
	struct vrrp_router *r;
	unsigned int i;

	ASSERT_RTNL();
	list_for_each_entry(r, &vn->routers, net_node) {
		bool mine = false;

		for (i = 0; i < r->tracks.n; i++) {
			struct vrrp_track_item *it = &r->tracks.items[i];

			if (it->iface && vrrp_track_follow(r, it, dev, event))
				mine = true;
		}
		if (!mine)
			continue;
		if (vrrp_track_settle(r, &next))
			changed = true;
		if (next)
			vrrp_track_schedule(r, next);
	}
	if (changed)
		vrrp_track_update(dev_net(dev));
}

/**
 * vrrp_track_stop() - no more delayed tracking for a router being deleted
 * @r: the router, already dead
 *
 * Context: rtnl held.
 */
void vrrp_track_stop(struct vrrp_router *r)
{
	if (cancel_delayed_work(&r->track_work))
		vrrp_router_put(r);
}

/**
 * vrrp_group_sync() - tell the sync group that a member changed state
 * @r: the member that became Active or left Active for Backup
 *
 * Context: any but hard interrupt; no router lock held.
 */
void vrrp_group_sync(struct vrrp_router *r)
{
	struct vrrp_net *vn = vrrp_pernet(dev_net(vrrp_dev(r)));
	char group[VRRP_NAMSIZ];
	struct vrrp_router *m;
	bool active;

	spin_lock_bh(&r->lock);
	memcpy(group, r->p.group, sizeof(group));
	active = r->state == VRRP_STATE_ACTIVE;
	spin_unlock_bh(&r->lock);
	if (!group[0])
		return;

	rcu_read_lock();
	/* The member rechecks the name under its lock (hash collisions). */
	hash_for_each_possible_rcu(vn->groups, m, group_node,
				   vrrp_group_hash(group)) {
		if (m != r)
			vrrp_fsm_group_event(m, group, active);
	}
	rcu_read_unlock();
}
