// SPDX-License-Identifier: GPL-2.0
/*
 * The "vrrp" generic netlink family. Policies, the op table and the
 * multicast groups are generated from Documentation/netlink/specs/vrrp.yaml
 * into netlink-gen.c; this file holds the handlers and the family.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "vrrp.h"
#include "netlink-gen.h"

/*
 * The generator writes the family struct itself only for the "genetlink"
 * protocol, whose split ops 6.1 lacks; with per-op policies
 * (genetlink-legacy) its multicast group table is static, so the
 * generated source is part of this translation unit.
 */
#include "netlink-gen.c"

static struct genl_family vrrp_nl_family;

/* A consistent copy of what a reply shows, taken under the lock. */
struct vrrp_nl_snapshot {
	struct vrrp_params	p;
	enum vrrp_state		state;
	enum vrrp_state		old_state;
	enum vrrp_reason	reason;
	u16			active_adver_cs;
	union vrrp_ip		active_addr;
	struct vrrp_stats	stats;
	u8			prio;
	bool			fault;
};

static int vrrp_nl_put_stats(struct sk_buff *skb, const struct vrrp_stats *s)
{
	static const struct {
		int		attr;
		size_t		offset;
	} map[] = {
		VRRP_STATS_ATTRS
	};
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(skb, VRRP_A_ROUTER_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		u64 val = *(const u64 *)((const u8 *)s + map[i].offset);

		if (nla_put_u64_64bit(skb, map[i].attr, val, VRRP_A_STATS_PAD))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int vrrp_nl_put_addr(struct sk_buff *skb, u8 family,
			    const union vrrp_ip *addr)
{
	if (family == VRRP_FAMILY_INET6)
		return nla_put_in6_addr(skb, VRRP_A_VIP_ADDR6, &addr->v6);
	return nla_put_in_addr(skb, VRRP_A_VIP_ADDR4, addr->v4);
}

static int vrrp_nl_put_addrs(struct sk_buff *skb, const struct vrrp_router *r,
			     const struct vrrp_addrs *a)
{
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < a->nvips; i++) {
		nest = nla_nest_start(skb, VRRP_A_ROUTER_VIP);
		if (!nest ||
		    vrrp_nl_put_addr(skb, r->family, &a->vips[i].addr) ||
		    nla_put_u8(skb, VRRP_A_VIP_PREFIXLEN, a->vips[i].prefixlen))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	for (i = 0; i < a->npeers; i++) {
		nest = nla_nest_start(skb, VRRP_A_ROUTER_PEER);
		if (!nest || vrrp_nl_put_addr(skb, r->family, &a->peers[i]))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

/* A health check's lifetime; router lock held. */
static int vrrp_nl_put_check(struct sk_buff *skb,
			     const struct vrrp_track_item *it)
{
	unsigned long now = jiffies;
	u32 left = 0;

	/* Past due, the track work is about to expire it. */
	if (it->expiring && time_before(now, it->expires))
		left = jiffies_to_msecs(it->expires - now);
	if ((it->ttl_ms && nla_put_u32(skb, VRRP_A_TRACK_TTL, it->ttl_ms)) ||
	    (it->expiring && nla_put_u32(skb, VRRP_A_TRACK_TTL_LEFT, left)))
		return -EMSGSIZE;
	return nla_put_u8(skb, VRRP_A_TRACK_EXPIRED, it->expired);
}

static int vrrp_nl_put_track(struct sk_buff *skb,
			     const struct vrrp_track_item *it)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, VRRP_A_ROUTER_TRACK);
	if (!nest)
		return -EMSGSIZE;
	if (it->iface) {
		/* No ifindex while no device holds the name. */
		if ((it->ifindex &&
		     nla_put_u32(skb, VRRP_A_TRACK_IFINDEX, it->ifindex)) ||
		    nla_put_string(skb, VRRP_A_TRACK_IFNAME, it->name))
			return -EMSGSIZE;
	} else if (nla_put_string(skb, VRRP_A_TRACK_NAME, it->name) ||
		   vrrp_nl_put_check(skb, it)) {
		return -EMSGSIZE;
	}
	if (nla_put_u8(skb, VRRP_A_TRACK_WEIGHT, it->weight) ||
	    nla_put_u8(skb, VRRP_A_TRACK_UP, it->up))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The tracked objects. */
static int vrrp_nl_put_tracks(struct sk_buff *skb, struct vrrp_router *r)
{
	unsigned int i;
	int err = 0;

	spin_lock_bh(&r->lock);
	for (i = 0; i < r->tracks.n && !err; i++)
		err = vrrp_nl_put_track(skb, &r->tracks.items[i]);
	spin_unlock_bh(&r->lock);
	return err;
}

static int vrrp_nl_put_ra(struct sk_buff *skb, const struct vrrp_ra_params *ra)
{
	const struct vrrp_ra_prefix *pf;
	struct nlattr *nest;
	unsigned int i;

	if (nla_put_u8(skb, VRRP_A_ROUTER_RA, ra->on) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_RA_INTERVAL, ra->interval_ms) ||
	    nla_put_u16(skb, VRRP_A_ROUTER_RA_LIFETIME, ra->lifetime) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_RA_MTU, ra->mtu))
		return -EMSGSIZE;
	for (i = 0; i < ra->nprefixes; i++) {
		pf = &ra->prefixes[i];
		nest = nla_nest_start(skb, VRRP_A_ROUTER_RA_PREFIX);
		if (!nest ||
		    nla_put_in6_addr(skb, VRRP_A_RA_PREFIX_PREFIX, &pf->prefix) ||
		    nla_put_u8(skb, VRRP_A_RA_PREFIX_PREFIXLEN, pf->len) ||
		    nla_put_u8(skb, VRRP_A_RA_PREFIX_ON_LINK, pf->onlink) ||
		    nla_put_u8(skb, VRRP_A_RA_PREFIX_AUTONOMOUS,
			       pf->autonomous) ||
		    nla_put_u32(skb, VRRP_A_RA_PREFIX_VALID_LIFETIME,
				pf->valid) ||
		    nla_put_u32(skb, VRRP_A_RA_PREFIX_PREFERRED_LIFETIME,
				pf->preferred))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static bool vrrp_nl_addr_set(const struct vrrp_router *r,
			     const union vrrp_ip *addr)
{
	return vrrp_is_v6(r) ? !ipv6_addr_any(&addr->v6) : addr->v4 != 0;
}

static int vrrp_nl_fill(struct sk_buff *skb, struct vrrp_router *r,
			u32 portid, u32 seq, int flags, u8 cmd)
{
	struct net_device *dev = vrrp_dev(r);
	struct vrrp_nl_snapshot s;
	struct vrrp_addrs *a;
	int err = -EMSGSIZE;
	void *hdr;

	spin_lock_bh(&r->lock);
	s.p = r->p;
	s.state = r->state;
	s.old_state = r->old_state;
	s.reason = r->reason;
	s.active_adver_cs = r->active_adver_cs ?: r->p.interval_cs;
	s.active_addr = r->active_addr;
	s.stats = r->stats;
	s.prio = vrrp_prio(r);
	s.fault = r->fault;
	spin_unlock_bh(&r->lock);

	hdr = genlmsg_put(skb, portid, seq, &vrrp_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;

	rcu_read_lock();
	a = rcu_dereference(r->addrs);
	if (nla_put_u32(skb, VRRP_A_ROUTER_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VRRP_A_ROUTER_IFNAME, dev->name) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_FAMILY, r->family) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_VRID, r->vrid) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_VERSION, s.p.version) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_PRIORITY, s.p.priority) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_INTERVAL,
			vrrp_cs_to_ms(s.p.interval_cs)) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_PREEMPT, s.p.preempt) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_ACCEPT, s.p.accept) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_PREEMPT_DELAY,
			s.p.preempt_delay_ms) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_CHECKSUM, s.p.csum) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_FORWARD, s.p.forward) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_MODE, s.p.mode) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_V2_COMPAT, s.p.v2_compat) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_GARP_COUNT, s.p.garp_count) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_GARP_SPACING, s.p.garp_spacing_ms) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_GARP_REPEAT_DELAY,
			s.p.garp_repeat_ms) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_GARP_REFRESH, s.p.garp_refresh_ms) ||
	    vrrp_nl_put_addrs(skb, r, a) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_STATE, s.state) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_OLD_STATE, s.old_state) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_REASON, s.reason) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_ACTIVE_INTERVAL,
			vrrp_cs_to_ms(s.active_adver_cs)) ||
	    nla_put(skb, VRRP_A_ROUTER_VMAC, ETH_ALEN, r->vmac) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_SKEW_TIME,
			vrrp_skew_time_us(s.p.version, s.prio,
					  s.active_adver_cs)) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL,
			vrrp_active_down_us(s.p.version, s.prio,
					    s.active_adver_cs)) ||
	    vrrp_nl_put_stats(skb, &s.stats) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_EFFECTIVE_PRIORITY, s.prio) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_FAULT, s.fault) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_TRACK_DELAY_UP,
			s.p.track_delay_up_ms) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_TRACK_DELAY_DOWN,
			s.p.track_delay_down_ms) ||
	    (s.p.group[0] &&
	     nla_put_string(skb, VRRP_A_ROUTER_GROUP, s.p.group)) ||
	    vrrp_nl_put_tracks(skb, r) ||
	    (vrrp_is_v6(r) && vrrp_nl_put_ra(skb, &s.p.ra)))
		goto cancel;
	if (vrrp_nl_addr_set(r, &s.active_addr)) {
		if (vrrp_is_v6(r) ?
		    nla_put_in6_addr(skb, VRRP_A_ROUTER_ACTIVE_ADDR6,
				     &s.active_addr.v6) :
		    nla_put_in_addr(skb, VRRP_A_ROUTER_ACTIVE_ADDR4,
				    s.active_addr.v4))
			goto cancel;
	}
	rcu_read_unlock();
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	rcu_read_unlock();
	genlmsg_cancel(skb, hdr);
	return err;
}

/**
 * vrrp_nl_notify() - tell the events group about a router
 * @r: the router
 * @cmd: VRRP_CMD_CHANGE_NTF, VRRP_CMD_DEL_NTF or VRRP_CMD_STATE_NTF
 * @gfp: allocation context
 *
 * Context: any but hard interrupt; r->lock not held.
 */
void vrrp_nl_notify(struct vrrp_router *r, u8 cmd, gfp_t gfp)
{
	struct net *net = dev_net(vrrp_dev(r));
	struct sk_buff *skb;

	if (!genl_has_listeners(&vrrp_nl_family, net, VRRP_NLGRP_EVENTS))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return;
	if (vrrp_nl_fill(skb, r, 0, 0, 0, cmd)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_multicast_netns(&vrrp_nl_family, net, skb, 0,
				VRRP_NLGRP_EVENTS, gfp);
}

static u8 vrrp_nl_family_of(struct nlattr **attrs)
{
	struct nlattr *attr = attrs[VRRP_A_ROUTER_FAMILY];

	return attr ? nla_get_u8(attr) : VRRP_FAMILY_INET;
}

/* The interface named by a request; rtnl held. */
static struct net_device *vrrp_nl_dev(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[VRRP_A_ROUTER_IFINDEX];
	struct net_device *dev;

	dev = __dev_get_by_index(genl_info_net(info), nla_get_u32(attr));
	if (!dev)
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such interface");
	return dev;
}

/* The router named by a request; rtnl held. */
static struct vrrp_router *vrrp_nl_router(struct genl_info *info)
{
	struct net_device *dev;
	struct vrrp_router *r;

	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_IFINDEX) ||
	    GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_VRID))
		return ERR_PTR(-EINVAL);
	dev = vrrp_nl_dev(info);
	if (!dev)
		return ERR_PTR(-ENODEV);
	r = vrrp_router_find(dev, vrrp_nl_family_of(info->attrs),
			     nla_get_u8(info->attrs[VRRP_A_ROUTER_VRID]));
	if (!r) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VRRP_A_ROUTER_VRID],
				    "no virtual router with this VRID and family on the interface");
		return ERR_PTR(-ENOENT);
	}
	return r;
}

static int vrrp_nl_parse_addr(struct nlattr *nest, u8 family, bool peer,
			      struct vrrp_vip *vip,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_A_VIP_MAX + 1];
	int err, type;

	err = nla_parse_nested(tb, VRRP_A_VIP_MAX, nest, vrrp_vip_nl_policy,
			       extack);
	if (err)
		return err;
	memset(vip, 0, sizeof(*vip));
	if (family == VRRP_FAMILY_INET6) {
		if (!tb[VRRP_A_VIP_ADDR6] || tb[VRRP_A_VIP_ADDR4]) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "an inet6 router needs IPv6 addresses (addr6)");
			return -EINVAL;
		}
		vip->addr.v6 = nla_get_in6_addr(tb[VRRP_A_VIP_ADDR6]);
		vip->prefixlen = 128;
		type = ipv6_addr_type(&vip->addr.v6);
		if (!(type & IPV6_ADDR_UNICAST) || type & IPV6_ADDR_LOOPBACK) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIP_ADDR6],
					    "address must be a unicast address");
			return -EINVAL;
		}
	} else {
		if (!tb[VRRP_A_VIP_ADDR4] || tb[VRRP_A_VIP_ADDR6]) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "an inet router needs IPv4 addresses (addr4)");
			return -EINVAL;
		}
		vip->addr.v4 = nla_get_in_addr(tb[VRRP_A_VIP_ADDR4]);
		vip->prefixlen = 32;
		if (ipv4_is_multicast(vip->addr.v4) ||
		    ipv4_is_lbcast(vip->addr.v4) ||
		    ipv4_is_zeronet(vip->addr.v4) ||
		    ipv4_is_loopback(vip->addr.v4)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIP_ADDR4],
					    "address must be a unicast address");
			return -EINVAL;
		}
	}
	if (tb[VRRP_A_VIP_PREFIXLEN] && !peer) {
		vip->prefixlen = nla_get_u8(tb[VRRP_A_VIP_PREFIXLEN]);
		if (family == VRRP_FAMILY_INET && vip->prefixlen > 32) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIP_PREFIXLEN],
					    "IPv4 prefix length must be 0-32");
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * The address lists of a request: NULL in *out when it has neither
 * virtual addresses nor peers (set keeps the current ones); a list given
 * replaces the current one, the other is kept.
 */
static int vrrp_nl_parse_addrs(struct genl_info *info, u8 family,
			       const struct vrrp_addrs *cur,
			       struct vrrp_addrs **out)
{
	struct netlink_ext_ack *extack = info->extack;
	unsigned int nvips = 0, npeers = 0, i;
	struct vrrp_addrs *a;
	struct vrrp_vip vip;
	struct nlattr *attr;
	int rem, err;

	*out = NULL;
	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) == VRRP_A_ROUTER_VIP &&
		    ++nvips > VRRP_VIPS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "too many virtual addresses for one advertisement");
			return -E2BIG;
		}
		if (nla_type(attr) == VRRP_A_ROUTER_PEER &&
		    ++npeers > VRRP_PEERS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "too many peers");
			return -E2BIG;
		}
	}
	if (!nvips && !npeers && cur)
		return 0;

	a = vrrp_addrs_alloc(nvips ?: (cur ? cur->nvips : 0),
			     npeers ?: (cur ? cur->npeers : 0),
			     GFP_KERNEL_ACCOUNT);
	if (!a)
		return -ENOMEM;
	if (cur) {
		if (!nvips) {
			a->nvips = cur->nvips;
			memcpy(a->vips, cur->vips,
			       cur->nvips * sizeof(*a->vips));
		}
		if (!npeers) {
			a->npeers = cur->npeers;
			memcpy(a->peers, cur->peers,
			       cur->npeers * sizeof(*a->peers));
		}
	}

	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		bool peer = nla_type(attr) == VRRP_A_ROUTER_PEER;

		if (nla_type(attr) != VRRP_A_ROUTER_VIP && !peer)
			continue;
		err = vrrp_nl_parse_addr(attr, family, peer, &vip, extack);
		if (err)
			goto err;
		if (peer) {
			for (i = 0; i < a->npeers; i++) {
				if (!memcmp(&a->peers[i], &vip.addr,
					    sizeof(vip.addr))) {
					NL_SET_ERR_MSG_ATTR(extack, attr,
							    "peer given twice");
					err = -EINVAL;
					goto err;
				}
			}
			a->peers[a->npeers++] = vip.addr;
			continue;
		}
		if (vrrp_vip_match(a, family, &vip.addr)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "virtual address given twice");
			err = -EINVAL;
			goto err;
		}
		a->vips[a->nvips++] = vip;
	}

	if (!a->nvips) {
		NL_SET_ERR_MSG(extack, "at least one virtual address is required");
		err = -EINVAL;
		goto err;
	}
	/* RFC 9568 7.4: the first IPv6 address is the link-local one. */
	if (family == VRRP_FAMILY_INET6 &&
	    !(ipv6_addr_type(&a->vips[0].addr.v6) & IPV6_ADDR_LINKLOCAL)) {
		NL_SET_ERR_MSG(extack,
			       "the first IPv6 virtual address must be link-local");
		err = -EINVAL;
		goto err;
	}
	*out = a;
	return 0;

err:
	kfree(a);
	return err;
}

/*
 * A new router's configuration: what an add leaves out. The numbers are
 * the spec's, which vrrpctl apply also takes for what a file leaves out.
 */
static void vrrp_nl_defaults(struct vrrp_params *p)
{
	memset(p, 0, sizeof(*p));
	p->version = VRRP_VERSION_DEFAULT;
	p->priority = VRRP_PRIORITY_DEFAULT;
	p->interval_cs = VRRP_INTERVAL_DEFAULT / VRRP_MS_PER_CS;
	p->preempt = true;
	p->csum = VRRP_CHECKSUM_PSEUDO;
	p->forward = VRRP_FORWARD_ACTIVE;
	p->mode = VRRP_MODE_VRRP;
	p->garp_count = VRRP_GARP_COUNT_DEFAULT;
	p->garp_spacing_ms = VRRP_GARP_SPACING_DEFAULT;
	p->garp_repeat_ms = VRRP_GARP_REPEAT_DEFAULT;
	p->ra.interval_ms = VRRP_RA_INTERVAL_DEFAULT;
	p->ra.lifetime = VRRP_RA_LIFETIME_DEFAULT;
}

static int vrrp_nl_parse_prefix(struct nlattr *nest, struct vrrp_ra_prefix *pf,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_A_RA_PREFIX_MAX + 1], *attr;
	struct in6_addr masked;
	int err;

	err = nla_parse_nested(tb, VRRP_A_RA_PREFIX_MAX, nest,
			       vrrp_ra_prefix_nl_policy, extack);
	if (err)
		return err;
	if (!tb[VRRP_A_RA_PREFIX_PREFIX] || !tb[VRRP_A_RA_PREFIX_PREFIXLEN]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "an advertised prefix needs prefix and prefixlen");
		return -EINVAL;
	}
	pf->prefix = nla_get_in6_addr(tb[VRRP_A_RA_PREFIX_PREFIX]);
	pf->len = nla_get_u8(tb[VRRP_A_RA_PREFIX_PREFIXLEN]);
	attr = tb[VRRP_A_RA_PREFIX_ON_LINK];
	pf->onlink = attr ? nla_get_u8(attr) : true;
	attr = tb[VRRP_A_RA_PREFIX_AUTONOMOUS];
	pf->autonomous = attr ? nla_get_u8(attr) : true;
	attr = tb[VRRP_A_RA_PREFIX_VALID_LIFETIME];
	pf->valid = attr ? nla_get_u32(attr) : VRRP_RA_VALID_DEFAULT;
	attr = tb[VRRP_A_RA_PREFIX_PREFERRED_LIFETIME];
	pf->preferred = attr ? nla_get_u32(attr) : VRRP_RA_PREFERRED_DEFAULT;
	ipv6_addr_prefix(&masked, &pf->prefix, pf->len);
	if (!ipv6_addr_equal(&masked, &pf->prefix)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_RA_PREFIX_PREFIX],
				    "the prefix has bits set beyond its length");
		return -EINVAL;
	}
	/* RFC 4862 5.5.3: hosts ignore these; RFC 4291 2.4: not a prefix */
	if (ipv6_addr_type(&pf->prefix) &
	    (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MULTICAST)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_RA_PREFIX_PREFIX],
				    "a link-local or multicast prefix cannot be advertised");
		return -EINVAL;
	}
	/* RFC 4861 6.2.1 */
	if (pf->preferred > pf->valid) {
		NL_SET_ERR_MSG_ATTR(extack,
				    tb[VRRP_A_RA_PREFIX_PREFERRED_LIFETIME] ?:
				    tb[VRRP_A_RA_PREFIX_VALID_LIFETIME],
				    "preferred lifetime exceeds valid lifetime");
		return -EINVAL;
	}
	return 0;
}

/* The Router Advertisement attributes of a request, applied to *ra. */
static int vrrp_nl_parse_ra(struct genl_info *info, u8 family,
			    struct vrrp_ra_params *ra)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **tb = info->attrs, *attr, *clear = NULL;
	struct vrrp_ra_prefix pf;
	bool have = false;
	unsigned int i;
	int rem, err;

	/* info->attrs holds as many entries as the operation's policy: only
	 * set's reaches ra-prefix-clear.
	 */
	if (info->genlhdr->cmd == VRRP_CMD_SET)
		clear = tb[VRRP_A_ROUTER_RA_PREFIX_CLEAR];

	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != VRRP_A_ROUTER_RA_PREFIX)
			continue;
		if (!have) {
			memset(ra->prefixes, 0, sizeof(ra->prefixes));
			ra->nprefixes = 0;
			have = true;
		}
		if (family != VRRP_FAMILY_INET6)
			goto inet;
		if (ra->nprefixes == VRRP_RA_PREFIXES_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "too many advertised prefixes");
			return -E2BIG;
		}
		memset(&pf, 0, sizeof(pf));
		err = vrrp_nl_parse_prefix(attr, &pf, extack);
		if (err)
			return err;
		for (i = 0; i < ra->nprefixes; i++) {
			if (ra->prefixes[i].len == pf.len &&
			    ipv6_addr_equal(&ra->prefixes[i].prefix,
					    &pf.prefix)) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "prefix given twice");
				return -EINVAL;
			}
		}
		ra->prefixes[ra->nprefixes++] = pf;
	}
	attr = tb[VRRP_A_ROUTER_RA] ?: tb[VRRP_A_ROUTER_RA_INTERVAL] ?:
	       tb[VRRP_A_ROUTER_RA_LIFETIME] ?: tb[VRRP_A_ROUTER_RA_MTU];
	if (attr && family != VRRP_FAMILY_INET6)
		goto inet;
	if (clear && nla_get_u8(clear)) {
		if (have) {
			NL_SET_ERR_MSG_ATTR(extack, clear,
					    "ra-prefix-clear with prefixes");
			return -EINVAL;
		}
		memset(ra->prefixes, 0, sizeof(ra->prefixes));
		ra->nprefixes = 0;
	}
	if (tb[VRRP_A_ROUTER_RA])
		ra->on = nla_get_u8(tb[VRRP_A_ROUTER_RA]);
	if (tb[VRRP_A_ROUTER_RA_INTERVAL])
		ra->interval_ms = nla_get_u32(tb[VRRP_A_ROUTER_RA_INTERVAL]);
	if (tb[VRRP_A_ROUTER_RA_LIFETIME])
		ra->lifetime = nla_get_u16(tb[VRRP_A_ROUTER_RA_LIFETIME]);
	attr = tb[VRRP_A_ROUTER_RA_MTU];
	if (attr) {
		ra->mtu = nla_get_u32(attr);
		if (ra->mtu && ra->mtu < IPV6_MIN_MTU) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "ra-mtu must be 0 (none) or 1280-"
					    __stringify(VRRP_RA_MTU_MAX));
			return -EINVAL;
		}
	}
	/* RFC 4861 6.2.1: 0 or between MaxRtrAdvInterval and 9000 s */
	if (ra->lifetime && ra->lifetime * 1000U < ra->interval_ms) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_ROUTER_RA_LIFETIME] ?:
				    tb[VRRP_A_ROUTER_RA_INTERVAL],
				    "ra-lifetime must be 0 or at least ra-interval");
		return -EINVAL;
	}
	return 0;

inet:
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "Router Advertisements are for inet6 routers only");
	return -EINVAL;
}

/*
 * An anycast gateway's own vMAC: unicast, and not a vendor's address that
 * a host on the link may have (locally administered), unless it is in the
 * range of the VRRP vMACs (as Cumulus VRR recommends).
 */
static bool vrrp_nl_mac_ok(const u8 *mac)
{
	if (!is_valid_ether_addr(mac))
		return false;
	if (!memcmp(mac, vrrp_vmac_prefix, sizeof(vrrp_vmac_prefix)))
		return mac[4] == 0x01 || mac[4] == 0x02;
	return is_local_ether_addr(mac);
}

/*
 * What only an anycast gateway has, and what it cannot have; @attr is the
 * request's vmac (a set's was checked against the router's already).
 */
static int vrrp_nl_check_anycast(struct genl_info *info,
				 const struct vrrp_params *p,
				 const struct nlattr *attr)
{
	if (p->mode != VRRP_MODE_ANYCAST) {
		if (attr) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "only an anycast gateway (mode anycast) may have a MAC of its own");
			return -EINVAL;
		}
		return 0;
	}
	if (attr && !vrrp_nl_mac_ok(p->mac)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "vmac must be a unicast MAC of 00:00:5e:00:01:00-00:00:5e:00:02:ff or a locally administered one");
		return -EINVAL;
	}
	if (p->group[0]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VRRP_A_ROUTER_GROUP] ?:
				    info->attrs[VRRP_A_ROUTER_MODE],
				    "an anycast gateway has no sync group");
		return -EINVAL;
	}
	return 0;
}

/* Apply the scalar attributes of a request to *p and check the result. */
static int vrrp_nl_parse_params(struct genl_info *info, u8 family,
				struct vrrp_params *p)
{
	struct nlattr **tb = info->attrs, *attr;
	int err;

	if (tb[VRRP_A_ROUTER_VERSION])
		p->version = nla_get_u8(tb[VRRP_A_ROUTER_VERSION]);
	if (tb[VRRP_A_ROUTER_PRIORITY])
		p->priority = nla_get_u8(tb[VRRP_A_ROUTER_PRIORITY]);
	if (tb[VRRP_A_ROUTER_PREEMPT])
		p->preempt = nla_get_u8(tb[VRRP_A_ROUTER_PREEMPT]);
	if (tb[VRRP_A_ROUTER_ACCEPT])
		p->accept = nla_get_u8(tb[VRRP_A_ROUTER_ACCEPT]);
	if (tb[VRRP_A_ROUTER_PREEMPT_DELAY])
		p->preempt_delay_ms = nla_get_u32(tb[VRRP_A_ROUTER_PREEMPT_DELAY]);
	if (tb[VRRP_A_ROUTER_CHECKSUM])
		p->csum = nla_get_u8(tb[VRRP_A_ROUTER_CHECKSUM]);
	if (tb[VRRP_A_ROUTER_FORWARD])
		p->forward = nla_get_u8(tb[VRRP_A_ROUTER_FORWARD]);
	if (tb[VRRP_A_ROUTER_MODE])
		p->mode = nla_get_u8(tb[VRRP_A_ROUTER_MODE]);
	if (tb[VRRP_A_ROUTER_VMAC])
		nla_memcpy(p->mac, tb[VRRP_A_ROUTER_VMAC], ETH_ALEN);
	if (tb[VRRP_A_ROUTER_V2_COMPAT])
		p->v2_compat = nla_get_u8(tb[VRRP_A_ROUTER_V2_COMPAT]);
	if (tb[VRRP_A_ROUTER_GARP_COUNT])
		p->garp_count = nla_get_u8(tb[VRRP_A_ROUTER_GARP_COUNT]);
	if (tb[VRRP_A_ROUTER_GARP_SPACING])
		p->garp_spacing_ms = nla_get_u32(tb[VRRP_A_ROUTER_GARP_SPACING]);
	if (tb[VRRP_A_ROUTER_GARP_REPEAT_DELAY])
		p->garp_repeat_ms = nla_get_u32(tb[VRRP_A_ROUTER_GARP_REPEAT_DELAY]);
	attr = tb[VRRP_A_ROUTER_GARP_REFRESH];
	if (attr) {
		p->garp_refresh_ms = nla_get_u32(attr);
		if (p->garp_refresh_ms &&
		    p->garp_refresh_ms < VRRP_GARP_REFRESH_MIN) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "refresh period must be 0 (off) or at least "
					    __stringify(VRRP_GARP_REFRESH_MIN) " ms");
			return -EINVAL;
		}
	}
	if (tb[VRRP_A_ROUTER_TRACK_DELAY_UP])
		p->track_delay_up_ms = nla_get_u32(tb[VRRP_A_ROUTER_TRACK_DELAY_UP]);
	if (tb[VRRP_A_ROUTER_TRACK_DELAY_DOWN])
		p->track_delay_down_ms = nla_get_u32(tb[VRRP_A_ROUTER_TRACK_DELAY_DOWN]);
	if (tb[VRRP_A_ROUTER_GROUP])
		nla_strscpy(p->group, tb[VRRP_A_ROUTER_GROUP], sizeof(p->group));
	attr = tb[VRRP_A_ROUTER_INTERVAL];
	if (attr) {
		if (nla_get_u32(attr) % VRRP_MS_PER_CS) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "interval must be a multiple of 10 ms");
			return -EINVAL;
		}
		p->interval_cs = nla_get_u32(attr) / VRRP_MS_PER_CS;
	}

	if (p->version == 3 && vrrp_cs_to_ms(p->interval_cs) > VRRP_INTERVAL_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VRRP_A_ROUTER_INTERVAL] ?:
				    tb[VRRP_A_ROUTER_VERSION],
				    "a VRRPv3 interval is at most "
				    __stringify(VRRP_INTERVAL_MAX) " ms");
		return -ERANGE;
	}
	if (p->version == 2) {
		attr = tb[VRRP_A_ROUTER_VERSION] ?: tb[VRRP_A_ROUTER_INTERVAL];
		if (family == VRRP_FAMILY_INET6) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "VRRPv2 is for IPv4 only");
			return -EINVAL;
		}
		/* RFC 3768 5.3.7: whole seconds in 8 bits */
		if (p->interval_cs % 100) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[VRRP_A_ROUTER_INTERVAL] ?: attr,
					    "a VRRPv2 interval is whole seconds, 1000-"
					    __stringify(VRRP_INTERVAL_MAX_V2) " ms");
			return -EINVAL;
		}
	}
	err = vrrp_nl_parse_ra(info, family, &p->ra);
	if (err)
		return err;
	if (p->v2_compat && (p->version != 3 || family != VRRP_FAMILY_INET)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VRRP_A_ROUTER_V2_COMPAT] ?:
				    tb[VRRP_A_ROUTER_VERSION],
				    "v2-compat is for IPv4 VRRPv3 routers only");
		return -EINVAL;
	}
	return 0;
}

static int vrrp_nl_check_dev(struct genl_info *info, struct net_device *dev)
{
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    (dev->flags & IFF_LOOPBACK)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VRRP_A_ROUTER_IFINDEX],
				    "interface is not an Ethernet interface");
		return -EOPNOTSUPP;
	}
	return 0;
}

static int vrrp_nl_parse_track(struct nlattr *nest, struct net *net,
			       struct vrrp_track_item *it,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_A_TRACK_MAX + 1];
	struct net_device *dev;
	int err;

	err = nla_parse_nested(tb, VRRP_A_TRACK_MAX, nest,
			       vrrp_track_nl_policy, extack);
	if (err)
		return err;
	memset(it, 0, sizeof(*it));
	if (!!tb[VRRP_A_TRACK_IFINDEX] + !!tb[VRRP_A_TRACK_IFNAME] +
	    !!tb[VRRP_A_TRACK_NAME] != 1) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a tracked object is an interface (ifindex or ifname) or a health check (name)");
		return -EINVAL;
	}
	/* A tracked interface is tracked by its name. */
	BUILD_BUG_ON(sizeof(it->name) != IFNAMSIZ);
	if (tb[VRRP_A_TRACK_IFINDEX]) {
		/* Tracked from now on by the name it has. */
		dev = __dev_get_by_index(net,
					 nla_get_u32(tb[VRRP_A_TRACK_IFINDEX]));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_TRACK_IFINDEX],
					    "no such interface to track");
			return -ENODEV;
		}
		it->ifindex = dev->ifindex;
		strscpy(it->name, dev->name, sizeof(it->name));
		it->iface = true;
	} else if (tb[VRRP_A_TRACK_IFNAME]) {
		/* It may not exist yet: it counts as down until it does. */
		nla_strscpy(it->name, tb[VRRP_A_TRACK_IFNAME], sizeof(it->name));
		if (!dev_valid_name(it->name)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_TRACK_IFNAME],
					    "not a valid interface name");
			return -EINVAL;
		}
		dev = __dev_get_by_name(net, it->name);
		it->ifindex = dev ? dev->ifindex : 0;
		it->iface = true;
	} else {
		nla_strscpy(it->name, tb[VRRP_A_TRACK_NAME], sizeof(it->name));
		if (!it->name[0]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_TRACK_NAME],
					    "a health check needs a name");
			return -EINVAL;
		}
	}
	if (tb[VRRP_A_TRACK_WEIGHT])
		it->weight = nla_get_u8(tb[VRRP_A_TRACK_WEIGHT]);
	if (tb[VRRP_A_TRACK_TTL]) {
		if (it->iface) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_TRACK_TTL],
					    "a ttl is for health checks, not interfaces");
			return -EINVAL;
		}
		it->ttl_ms = nla_get_u32(tb[VRRP_A_TRACK_TTL]);
	}
	return 0;
}

/*
 * The tracked objects of a request: NULL in *out when it has none and
 * does not clear them (set keeps the current ones). rtnl held.
 */
static int vrrp_nl_parse_tracks(struct genl_info *info, struct net *net,
				struct vrrp_tracks **out)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vrrp_track_item *it;
	struct vrrp_tracks *t;
	struct nlattr *attr;
	unsigned int i;
	bool clear;
	int rem, err;

	*out = NULL;
	clear = info->attrs[VRRP_A_ROUTER_TRACK_CLEAR] &&
		nla_get_u8(info->attrs[VRRP_A_ROUTER_TRACK_CLEAR]);
	if (!info->attrs[VRRP_A_ROUTER_TRACK] && !clear)
		return 0;
	if (info->attrs[VRRP_A_ROUTER_TRACK] && clear) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[VRRP_A_ROUTER_TRACK_CLEAR],
				    "track-clear and track exclude each other");
		return -EINVAL;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return -ENOMEM;
	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != VRRP_A_ROUTER_TRACK)
			continue;
		if (t->n == VRRP_TRACK_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "too many tracked objects");
			err = -E2BIG;
			goto err;
		}
		it = &t->items[t->n];
		err = vrrp_nl_parse_track(attr, net, it, extack);
		if (err)
			goto err;
		for (i = 0; i < t->n; i++) {
			if (t->items[i].iface == it->iface &&
			    !strcmp(t->items[i].name, it->name)) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "tracked object given twice");
				err = -EINVAL;
				goto err;
			}
		}
		t->n++;
	}
	*out = t;
	return 0;

err:
	kfree(t);
	return err;
}

/* Is @addr an address of @dev that Accept_Mode did not install? */
static bool vrrp_nl_is_local(struct net_device *dev, u8 family,
			     const union vrrp_ip *addr)
{
	const struct in_ifaddr *ifa;
	struct inet6_ifaddr *ifp;
	struct inet6_dev *idev;
	struct in_device *in_dev;
	bool found = false;

	if (family == VRRP_FAMILY_INET) {
		in_dev = __in_dev_get_rtnl(dev);
		if (!in_dev)
			return false;
		in_dev_for_each_ifa_rtnl(ifa, in_dev) {
			if (ifa->ifa_local == addr->v4 &&
			    vrrp_ifa_proto(ifa) != VRRP_IFA_PROTO)
				return true;
		}
		return false;
	}
	idev = __in6_dev_get(dev);
	if (!idev)
		return false;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifp, &idev->addr_list, if_list) {
		if (ipv6_addr_equal(&ifp->addr, &addr->v6) &&
		    vrrp_ifa_proto(ifp) != VRRP_IFA_PROTO) {
			found = true;
			break;
		}
	}
	read_unlock_bh(&idev->lock);
	return found;
}

/*
 * A virtual address belongs to one router of an interface: two would
 * both answer ARP/ND for it. It is not one of the interface's own
 * addresses either, but for the owner (priority 255), whose virtual
 * addresses are its own (RFC 9568 7.1). @self is the router being
 * changed, NULL for a new one; rtnl held.
 */
static int vrrp_nl_check_vips(struct genl_info *info, struct net_device *dev,
			      u8 family, const struct vrrp_router *self,
			      const struct vrrp_addrs *a, u8 priority)
{
	struct vrrp_port *port = vrrp_port_lookup_rtnl(dev);
	struct vrrp_router *o;
	unsigned int i;

	for (i = 0; i < a->nvips; i++) {
		o = port ? vrrp_port_vip_owner_rtnl(port, family,
						    &a->vips[i].addr) : NULL;
		if (o && o != self) {
			vrrp_err_msg_fmt(info->extack,
					 "virtual address used by another virtual router of the interface",
					 "virtual address used by another virtual router of the interface (vrid %u)",
					 o->vrid);
			return -EADDRINUSE;
		}
		/* Unmarked (compat.h), the router's own virtual addresses
		 * may be its Accept_Mode's: checked when first added only.
		 */
		if (priority != VRRP_PRIO_OWNER &&
		    (VRRP_IFA_MARKED || !o) &&
		    vrrp_nl_is_local(dev, family, &a->vips[i].addr)) {
			NL_SET_ERR_MSG(info->extack,
				       "virtual address is an address of the interface: only its owner (priority 255) may use it");
			return -EADDRINUSE;
		}
	}
	return 0;
}

/*
 * The Accept_Mode addresses of a router just deleted, or of one whose
 * addresses just changed, leave in its sync work (vrrp_sync_work()).
 * Let them go before another router's addresses are checked and
 * installed: before 6.1 nothing tells a pending one from the
 * administrator's (compat.h), and a delete then an add of the same
 * address would be refused; on any kernel the late removal would take
 * the address from under a new Active router that found it there. The
 * family runs with parallel_ops: no lock is held here that the work
 * items take.
 */
static void vrrp_nl_sync_flush(void)
{
	flush_workqueue(vrrp_wq);
}

int vrrp_nl_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	u8 family = vrrp_nl_family_of(info->attrs);
	struct vrrp_tracks *tracks = NULL;
	struct vrrp_addrs *addrs = NULL;
	struct vrrp_params p;
	struct net_device *dev;
	struct vrrp_router *r;
	int err;
	u8 vrid;

	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_IFINDEX) ||
	    GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_VRID))
		return -EINVAL;
	vrid = nla_get_u8(info->attrs[VRRP_A_ROUTER_VRID]);

	vrrp_nl_defaults(&p);
	err = vrrp_nl_parse_params(info, family, &p) ?:
	      vrrp_nl_check_anycast(info, &p, info->attrs[VRRP_A_ROUTER_VMAC]);
	if (err)
		return err;
	err = vrrp_nl_parse_addrs(info, family, NULL, &addrs);
	if (err)
		return err;

	vrrp_nl_sync_flush();
	rtnl_lock();
	dev = vrrp_nl_dev(info);
	if (!dev) {
		err = -ENODEV;
		goto out;
	}
	err = vrrp_nl_check_dev(info, dev);
	if (err)
		goto out;
	if (vrrp_router_find(dev, family, vrid)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_ROUTER_VRID],
				    "a virtual router with this VRID and family exists on the interface");
		err = -EEXIST;
		goto out;
	}
	err = vrrp_nl_check_vips(info, dev, family, NULL, addrs, p.priority);
	if (err)
		goto out;
	err = vrrp_nl_parse_tracks(info, dev_net(dev), &tracks);
	if (err)
		goto out;
	r = vrrp_router_create(dev, family, vrid, &p, addrs, tracks,
			       info->extack);
	err = PTR_ERR_OR_ZERO(r);
	if (!err)
		addrs = NULL;
out:
	rtnl_unlock();
	kfree(tracks);
	kfree(addrs);
	return err;
}

/*
 * A health check's report (track-state): its name (and in *name_attr
 * where the request gave it), new state and the lifetime of the report
 * (0: the check's own ttl).
 */
static int vrrp_nl_parse_report(struct genl_info *info, char *name, bool *up,
				u32 *ttl_ms, struct nlattr **name_attr)
{
	struct nlattr *nest = info->attrs[VRRP_A_ROUTER_TRACK_STATE];
	struct nlattr *tb[VRRP_A_TRACK_MAX + 1];
	int err;

	err = nla_parse_nested(tb, VRRP_A_TRACK_MAX, nest,
			       vrrp_track_nl_policy, info->extack);
	if (err)
		return err;
	if (!tb[VRRP_A_TRACK_NAME] || !tb[VRRP_A_TRACK_UP]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "track-state needs a health check name and up");
		return -EINVAL;
	}
	nla_strscpy(name, tb[VRRP_A_TRACK_NAME], VRRP_NAMSIZ);
	*up = nla_get_u8(tb[VRRP_A_TRACK_UP]);
	*ttl_ms = tb[VRRP_A_TRACK_TTL] ? nla_get_u32(tb[VRRP_A_TRACK_TTL]) : 0;
	*name_attr = tb[VRRP_A_TRACK_NAME];
	return 0;
}

/*
 * A health check's report (track-state), checked against @tracks: the
 * objects the router will track once the request is applied. rtnl held.
 */
static int vrrp_nl_track_state(struct genl_info *info,
			       const struct vrrp_tracks *tracks,
			       char *name, bool *up, u32 *ttl_ms)
{
	struct nlattr *name_attr;
	int err;

	err = vrrp_nl_parse_report(info, name, up, ttl_ms, &name_attr);
	if (err)
		return err;
	if (!vrrp_track_has_check(tracks, name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, name_attr,
				    "no health check of that name on the virtual router");
		return -ENOENT;
	}
	return 0;
}

/*
 * A set that only reports a health check's state (what a script repeats
 * every few seconds) changes no configuration: no reconfiguration pass,
 * and no event unless the state changes.
 */
static bool vrrp_nl_only_report(struct genl_info *info)
{
	struct nlattr *attr;
	int rem;

	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		switch (nla_type(attr)) {
		case VRRP_A_ROUTER_IFINDEX:
		case VRRP_A_ROUTER_VRID:
		case VRRP_A_ROUTER_FAMILY:
		case VRRP_A_ROUTER_TRACK_STATE:
			break;
		default:
			return false;
		}
	}
	return true;
}

/*
 * The mode and vMAC of a router are those it was created with: a set may
 * repeat them (what a dump says), and a vMAC repeated leaves p->mac as it
 * was (all zero for the standard one).
 */
static int vrrp_nl_check_fixed(struct genl_info *info,
			       const struct vrrp_router *r,
			       struct vrrp_params *p)
{
	struct nlattr *attr = info->attrs[VRRP_A_ROUTER_VMAC];

	if (p->mode != r->p.mode) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_ROUTER_MODE],
				    "the mode is fixed when the router is created: delete it and add it again");
		return -EOPNOTSUPP;
	}
	if (attr && !ether_addr_equal(p->mac, r->vmac)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the vmac is fixed when the router is created: delete it and add it again");
		return -EOPNOTSUPP;
	}
	memcpy(p->mac, r->p.mac, ETH_ALEN);
	return 0;
}

int vrrp_nl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_tracks *tracks = NULL;
	struct vrrp_addrs *addrs = NULL;
	char check[VRRP_NAMSIZ];
	struct vrrp_router *r;
	struct vrrp_params p;
	bool up = false;
	u32 ttl = 0;
	int err;

	/* Not for a set that changes no address (a health check's report). */
	if (info->attrs[VRRP_A_ROUTER_VIP])
		vrrp_nl_sync_flush();
	rtnl_lock();
	r = vrrp_nl_router(info);
	if (IS_ERR(r)) {
		err = PTR_ERR(r);
		goto out;
	}
	if (info->attrs[VRRP_A_ROUTER_TRACK_STATE] && vrrp_nl_only_report(info)) {
		err = vrrp_nl_track_state(info, &r->tracks, check, &up, &ttl) ?:
		      vrrp_track_set_state(r, check, up, ttl, info->extack);
		goto out;
	}
	spin_lock_bh(&r->lock);
	p = r->p;
	spin_unlock_bh(&r->lock);
	/* Everything is checked before anything is applied: a request that
	 * fails changes nothing.
	 */
	err = vrrp_nl_parse_params(info, r->family, &p) ?:
	      vrrp_nl_check_fixed(info, r, &p) ?:
	      vrrp_nl_check_anycast(info, &p, NULL);
	if (err)
		goto out;
	err = vrrp_nl_parse_tracks(info, dev_net(vrrp_dev(r)), &tracks);
	if (err)
		goto out;
	/* Against the new list, if any: it may be the one naming the check. */
	if (info->attrs[VRRP_A_ROUTER_TRACK_STATE]) {
		err = vrrp_nl_track_state(info, tracks ?: &r->tracks, check,
					  &up, &ttl);
		if (err)
			goto out;
	}
	err = vrrp_nl_parse_addrs(info, r->family, rtnl_dereference(r->addrs),
				  &addrs);
	if (err)
		goto out;
	err = vrrp_nl_check_vips(info, vrrp_dev(r), r->family, r,
				 addrs ?: rtnl_dereference(r->addrs),
				 p.priority);
	if (err) {
		kfree(addrs);
		goto out;
	}
	vrrp_router_change(r, &p, addrs, tracks);
	if (info->attrs[VRRP_A_ROUTER_TRACK_STATE])
		err = vrrp_track_set_state(r, check, up, ttl, info->extack);
out:
	rtnl_unlock();
	kfree(tracks);
	return err;
}

int vrrp_nl_check_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *name_attr;
	char name[VRRP_NAMSIZ];
	bool up;
	u32 ttl;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_TRACK_STATE))
		return -EINVAL;
	err = vrrp_nl_parse_report(info, name, &up, &ttl, &name_attr);
	if (err)
		return err;
	rtnl_lock();
	err = vrrp_track_set_check(genl_info_net(info), name, up, ttl);
	rtnl_unlock();
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, name_attr,
				    "no virtual router of the namespace has a health check of that name");
	return err;
}

int vrrp_nl_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_router *r;
	int err = 0;

	rtnl_lock();
	r = vrrp_nl_router(info);
	if (IS_ERR(r))
		err = PTR_ERR(r);
	else
		vrrp_router_delete(r);
	rtnl_unlock();
	return err;
}

int vrrp_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_router *r;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rtnl_lock();
	r = vrrp_nl_router(info);
	if (IS_ERR(r))
		err = PTR_ERR(r);
	else
		err = vrrp_nl_fill(msg, r, info->snd_portid, info->snd_seq, 0,
				   VRRP_CMD_GET);
	rtnl_unlock();

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

int vrrp_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vrrp_net *vn = vrrp_pernet(sock_net(skb->sk));
	struct nlattr **attrs = vrrp_dump_attrs(cb);
	unsigned int ifindex = 0, vrid = 0, family = 0;
	long idx = 0, start = cb->args[0];
	struct vrrp_router *r;
	int err = 0;

	if (attrs[VRRP_A_ROUTER_IFINDEX])
		ifindex = nla_get_u32(attrs[VRRP_A_ROUTER_IFINDEX]);
	if (attrs[VRRP_A_ROUTER_VRID])
		vrid = nla_get_u8(attrs[VRRP_A_ROUTER_VRID]);
	if (attrs[VRRP_A_ROUTER_FAMILY])
		family = nla_get_u8(attrs[VRRP_A_ROUTER_FAMILY]);

	rcu_read_lock();
	list_for_each_entry_rcu(r, &vn->routers, net_node) {
		if ((ifindex && vrrp_dev(r)->ifindex != ifindex) ||
		    (vrid && r->vrid != vrid) ||
		    (family && r->family != family))
			continue;
		if (idx++ < start)
			continue;
		err = vrrp_nl_fill(skb, r, NETLINK_CB(cb->skb).portid,
				   cb->nlh->nlmsg_seq, NLM_F_MULTI,
				   VRRP_CMD_GET);
		if (err) {
			idx--;
			break;
		}
	}
	rcu_read_unlock();
	cb->args[0] = idx;

	/* A full skb ends this round; the dump goes on from idx. */
	return err == -EMSGSIZE && skb->len ? skb->len : err;
}

int vrrp_nl_stats_reset_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_pernet(genl_info_net(info));
	struct nlattr **tb = info->attrs;
	struct net_device *dev = NULL;
	struct vrrp_router *r;
	int err = 0;

	rtnl_lock();
	if (tb[VRRP_A_ROUTER_VRID]) {
		r = vrrp_nl_router(info);
		if (IS_ERR(r))
			err = PTR_ERR(r);
		else
			vrrp_router_reset_stats(r);
		goto out;
	}
	if (tb[VRRP_A_ROUTER_IFINDEX]) {
		dev = vrrp_nl_dev(info);
		if (!dev) {
			err = -ENODEV;
			goto out;
		}
	} else {
		atomic64_set(&vn->vrid_errors, 0);
		atomic64_set(&vn->length_errors, 0);
	}
	list_for_each_entry(r, &vn->routers, net_node)
		if (!dev || vrrp_dev(r) == dev)
			vrrp_router_reset_stats(r);
out:
	rtnl_unlock();
	return err;
}

int vrrp_nl_net_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_pernet(genl_info_net(info));
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put(msg, info->snd_portid, info->snd_seq,
			  &vrrp_nl_family, 0, VRRP_CMD_NET_STATS_GET);
	if (!hdr)
		goto nospace;
	nest = nla_nest_start(msg, VRRP_A_ROUTER_NET_STATS);
	if (!nest ||
	    nla_put_u64_64bit(msg, VRRP_A_NET_STATS_VRID_ERRORS,
			      atomic64_read(&vn->vrid_errors),
			      VRRP_A_NET_STATS_PAD) ||
	    nla_put_u64_64bit(msg, VRRP_A_NET_STATS_PACKET_LENGTH_ERRORS,
			      atomic64_read(&vn->length_errors),
			      VRRP_A_NET_STATS_PAD))
		goto nospace;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static struct genl_family vrrp_nl_family __ro_after_init = {
	.name		= VRRP_FAMILY_NAME,
	.version	= VRRP_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= vrrp_nl_ops,
	.n_ops		= ARRAY_SIZE(vrrp_nl_ops),
	.mcgrps		= vrrp_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vrrp_nl_mcgrps),
};

/**
 * vrrp_netlink_init() - register the family
 *
 * Return: 0 or a negative errno.
 */
int vrrp_netlink_init(void)
{
	return genl_register_family(&vrrp_nl_family);
}

/**
 * vrrp_netlink_exit() - unregister the family
 */
void vrrp_netlink_exit(void)
{
	genl_unregister_family(&vrrp_nl_family);
}
