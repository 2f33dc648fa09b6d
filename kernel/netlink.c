// SPDX-License-Identifier: GPL-2.0
/*
 * The "vrrp" generic netlink family. Policies, the op table and the
 * multicast groups are generated from Documentation/netlink/specs/vrrp.yaml
 * into netlink-gen.c; this file holds the handlers and the family.
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
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
	enum vrrp_state		state;
	u8			priority;
	bool			preempt;
	u16			interval_cs;
	u16			active_adver_cs;
	__be32			active_addr;
	struct vrrp_stats	stats;
};

static int vrrp_nl_put_stats(struct sk_buff *skb, const struct vrrp_stats *s)
{
	static const struct {
		int		attr;
		size_t		offset;
	} map[] = {
#define VRRP_STAT(a, f) { VRRP_A_STATS_##a, offsetof(struct vrrp_stats, f) }
		VRRP_STAT(ACTIVE_TRANSITIONS, active_transitions),
		VRRP_STAT(RCVD_ADVERTISEMENTS, rcvd_advertisements),
		VRRP_STAT(SENT_ADVERTISEMENTS, sent_advertisements),
		VRRP_STAT(ADV_INTERVAL_ERRORS, adv_interval_errors),
		VRRP_STAT(IP_TTL_ERRORS, ip_ttl_errors),
		VRRP_STAT(RCVD_PRI_ZERO, rcvd_pri_zero),
		VRRP_STAT(SENT_PRI_ZERO, sent_pri_zero),
		VRRP_STAT(RCVD_INVALID_TYPE, rcvd_invalid_type),
		VRRP_STAT(ADDRESS_LIST_ERRORS, address_list_errors),
		VRRP_STAT(PACKET_LENGTH_ERRORS, packet_length_errors),
		VRRP_STAT(CHECKSUM_ERRORS, checksum_errors),
		VRRP_STAT(VERSION_ERRORS, version_errors),
		VRRP_STAT(CSUM_PSEUDO, csum_pseudo),
		VRRP_STAT(CSUM_PLAIN, csum_plain),
#undef VRRP_STAT
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

static int vrrp_nl_put_vips(struct sk_buff *skb, const struct vrrp_router *r)
{
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < r->nvips; i++) {
		nest = nla_nest_start(skb, VRRP_A_ROUTER_VIP);
		if (!nest ||
		    nla_put_in_addr(skb, VRRP_A_VIP_ADDR4, r->vips[i].addr) ||
		    nla_put_u8(skb, VRRP_A_VIP_PREFIXLEN, r->vips[i].prefixlen))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int vrrp_nl_fill(struct sk_buff *skb, struct vrrp_router *r,
			u32 portid, u32 seq, int flags)
{
	struct net_device *dev = vrrp_dev(r);
	struct vrrp_nl_snapshot s;
	void *hdr;

	spin_lock_bh(&r->lock);
	s.state = r->state;
	s.priority = r->priority;
	s.preempt = r->preempt;
	s.interval_cs = r->interval_cs;
	s.active_adver_cs = r->active_adver_cs ?: r->interval_cs;
	s.active_addr = r->active_addr;
	s.stats = r->stats;
	spin_unlock_bh(&r->lock);

	hdr = genlmsg_put(skb, portid, seq, &vrrp_nl_family, flags,
			  VRRP_CMD_GET);
	if (!hdr)
		return -EMSGSIZE;

	if (nla_put_u32(skb, VRRP_A_ROUTER_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VRRP_A_ROUTER_IFNAME, dev->name) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_VRID, r->vrid) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_VERSION, VRRP_VERSION) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_PRIORITY, s.priority) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_INTERVAL, s.interval_cs * 10) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_PREEMPT, s.preempt) ||
	    vrrp_nl_put_vips(skb, r) ||
	    nla_put_u8(skb, VRRP_A_ROUTER_STATE, s.state) ||
	    (s.active_addr &&
	     nla_put_in_addr(skb, VRRP_A_ROUTER_ACTIVE_ADDR4, s.active_addr)) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_ACTIVE_INTERVAL,
			s.active_adver_cs * 10) ||
	    nla_put(skb, VRRP_A_ROUTER_VMAC, ETH_ALEN, r->vmac) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_SKEW_TIME,
			vrrp_skew_time_us(s.priority, s.active_adver_cs)) ||
	    nla_put_u32(skb, VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL,
			vrrp_active_down_us(s.priority, s.active_adver_cs)) ||
	    vrrp_nl_put_stats(skb, &s.stats)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
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
	struct net_device *dev = vrrp_nl_dev(info);
	struct vrrp_router *r;

	if (!dev)
		return ERR_PTR(-ENODEV);
	r = vrrp_router_find(dev, nla_get_u8(info->attrs[VRRP_A_ROUTER_VRID]));
	if (!r) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VRRP_A_ROUTER_VRID],
				    "no virtual router with this VRID on the interface");
		return ERR_PTR(-ENOENT);
	}
	return r;
}

static int vrrp_nl_parse_vip(struct nlattr *nest, struct vrrp_vip *vip,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_A_VIP_MAX + 1];
	__be32 addr;
	int err;

	err = nla_parse_nested(tb, VRRP_A_VIP_MAX, nest, vrrp_vip_nl_policy,
			       extack);
	if (err)
		return err;
	if (tb[VRRP_A_VIP_ADDR6]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIP_ADDR6],
				    "IPv6 virtual routers are not supported yet");
		return -EOPNOTSUPP;
	}
	if (!tb[VRRP_A_VIP_ADDR4]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "virtual address without an IPv4 address");
		return -EINVAL;
	}
	addr = nla_get_in_addr(tb[VRRP_A_VIP_ADDR4]);
	if (ipv4_is_multicast(addr) || ipv4_is_lbcast(addr) ||
	    ipv4_is_zeronet(addr) || ipv4_is_loopback(addr)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIP_ADDR4],
				    "virtual address must be a unicast address");
		return -EINVAL;
	}
	vip->addr = addr;
	vip->prefixlen = 32;
	if (tb[VRRP_A_VIP_PREFIXLEN]) {
		vip->prefixlen = nla_get_u8(tb[VRRP_A_VIP_PREFIXLEN]);
		if (vip->prefixlen > 32) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIP_PREFIXLEN],
					    "IPv4 prefix length must be 0-32");
			return -EINVAL;
		}
	}
	return 0;
}

/* Collect the (repeated) VRRP_A_ROUTER_VIP attributes of a request. */
static int vrrp_nl_parse_vips(struct genl_info *info, struct vrrp_vip *vips,
			      unsigned int *nvips)
{
	struct nlattr *attr;
	unsigned int n = 0, i;
	int rem, err;

	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != VRRP_A_ROUTER_VIP)
			continue;
		if (n == VRRP_VIPS_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "too many virtual addresses");
			return -E2BIG;
		}
		err = vrrp_nl_parse_vip(attr, &vips[n], info->extack);
		if (err)
			return err;
		for (i = 0; i < n; i++) {
			if (vips[i].addr == vips[n].addr) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "virtual address given twice");
				return -EINVAL;
			}
		}
		n++;
	}
	if (!n) {
		NL_SET_ERR_MSG(info->extack,
			       "at least one virtual address is required");
		return -EINVAL;
	}
	*nvips = n;
	return 0;
}

/* Attributes of the spec this module does not implement yet. */
static int vrrp_nl_unsupported(struct genl_info *info)
{
	static const int attrs[] = {
		VRRP_A_ROUTER_ACCEPT, VRRP_A_ROUTER_PREEMPT_DELAY,
		VRRP_A_ROUTER_PEER, VRRP_A_ROUTER_CHECKSUM,
		VRRP_A_ROUTER_GARP_COUNT, VRRP_A_ROUTER_GARP_SPACING,
		VRRP_A_ROUTER_GARP_REPEAT_DELAY, VRRP_A_ROUTER_GARP_REFRESH,
	};
	struct nlattr *attr;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		attr = info->attrs[attrs[i]];
		if (attr) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "not supported yet");
			return -EOPNOTSUPP;
		}
	}
	attr = info->attrs[VRRP_A_ROUTER_FAMILY];
	if (attr && nla_get_u8(attr) != VRRP_FAMILY_INET) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "IPv6 virtual routers are not supported yet");
		return -EOPNOTSUPP;
	}
	attr = info->attrs[VRRP_A_ROUTER_VERSION];
	if (attr && nla_get_u8(attr) != VRRP_VERSION) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "VRRPv2 is not supported yet");
		return -EOPNOTSUPP;
	}
	return 0;
}

int vrrp_nl_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	u16 interval_cs = VRRP_INTERVAL_DEFAULT_CS;
	struct vrrp_vip vips[VRRP_VIPS_MAX];
	u8 priority = VRRP_PRIO_DEFAULT;
	struct net_device *dev;
	struct vrrp_router *r;
	unsigned int nvips;
	bool preempt = true;
	struct nlattr *attr;
	int err;
	u8 vrid;

	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_IFINDEX) ||
	    GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_VRID))
		return -EINVAL;
	vrid = nla_get_u8(info->attrs[VRRP_A_ROUTER_VRID]);

	attr = info->attrs[VRRP_A_ROUTER_PRIORITY];
	if (attr)
		priority = nla_get_u8(attr);
	attr = info->attrs[VRRP_A_ROUTER_INTERVAL];
	if (attr) {
		if (nla_get_u32(attr) % 10) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "interval must be a multiple of 10 ms");
			return -EINVAL;
		}
		interval_cs = nla_get_u32(attr) / 10;
	}
	attr = info->attrs[VRRP_A_ROUTER_PREEMPT];
	if (attr)
		preempt = nla_get_u8(attr);

	err = vrrp_nl_unsupported(info);
	if (err)
		return err;
	err = vrrp_nl_parse_vips(info, vips, &nvips);
	if (err)
		return err;

	rtnl_lock();
	dev = vrrp_nl_dev(info);
	if (!dev) {
		err = -ENODEV;
		goto out;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    (dev->flags & IFF_LOOPBACK)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VRRP_A_ROUTER_IFINDEX],
				    "interface is not an Ethernet interface");
		err = -EOPNOTSUPP;
		goto out;
	}
	if (vrrp_router_find(dev, vrid)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_ROUTER_VRID],
				    "a virtual router with this VRID exists on the interface");
		err = -EEXIST;
		goto out;
	}
	r = vrrp_router_create(dev, vrid, priority, interval_cs, preempt,
			       vips, nvips, info->extack);
	err = PTR_ERR_OR_ZERO(r);
out:
	rtnl_unlock();
	return err;
}

int vrrp_nl_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_router *r;
	int err = 0;

	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_IFINDEX) ||
	    GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_VRID))
		return -EINVAL;

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

	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_IFINDEX) ||
	    GENL_REQ_ATTR_CHECK(info, VRRP_A_ROUTER_VRID))
		return -EINVAL;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rtnl_lock();
	r = vrrp_nl_router(info);
	if (IS_ERR(r))
		err = PTR_ERR(r);
	else
		err = vrrp_nl_fill(msg, r, info->snd_portid, info->snd_seq, 0);
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
	unsigned int ifindex = 0, vrid = 0;
	long idx = 0, start = cb->args[0];
	struct vrrp_router *r;
	int err = 0;

	if (attrs[VRRP_A_ROUTER_IFINDEX])
		ifindex = nla_get_u32(attrs[VRRP_A_ROUTER_IFINDEX]);
	if (attrs[VRRP_A_ROUTER_VRID])
		vrid = nla_get_u8(attrs[VRRP_A_ROUTER_VRID]);

	rcu_read_lock();
	list_for_each_entry_rcu(r, &vn->routers, net_node) {
		if (ifindex && vrrp_dev(r)->ifindex != ifindex)
			continue;
		if (vrid && r->vrid != vrid)
			continue;
		if (idx++ < start)
			continue;
		err = vrrp_nl_fill(skb, r, NETLINK_CB(cb->skb).portid,
				   cb->nlh->nlmsg_seq, NLM_F_MULTI);
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

int vrrp_nl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	NL_SET_ERR_MSG(info->extack, "changing a router is not supported yet");
	return -EOPNOTSUPP;
}

int vrrp_nl_stats_reset_doit(struct sk_buff *skb, struct genl_info *info)
{
	NL_SET_ERR_MSG(info->extack, "resetting counters is not supported yet");
	return -EOPNOTSUPP;
}

int vrrp_nl_net_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	NL_SET_ERR_MSG(info->extack, "namespace counters are not supported yet");
	return -EOPNOTSUPP;
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
