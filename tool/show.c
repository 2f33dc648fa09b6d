// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl show": list virtual routers as text or JSON.
 *
 * Replies are collected first and printed once the request has ended, so
 * that a failed or interrupted dump never leaves half a JSON document.
 * A show always dumps, with the interface, VRID and family as filters:
 * one VRID may run in both families on an interface.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/types.h>
#include <linux/vrrp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "json.h"
#include "netns.h"
#include "nl.h"
#include "show.h"
#include "spec-gen.h"
#include "util.h"

#define VRRP_SHOW_DUMP_TRIES	5
/* "address/prefixlen" */
#define VRRP_VIP_STRLEN		(INET6_ADDRSTRLEN + 16)

static const struct nla_policy vrrp_router_policy[VRRP_A_ROUTER_MAX + 1] = {
	[VRRP_A_ROUTER_IFINDEX] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_IFNAME] = { .type = NLA_STRING },
	[VRRP_A_ROUTER_VRID] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_VERSION] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_PRIORITY] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_INTERVAL] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_PREEMPT] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_VIP] = { .type = NLA_NESTED },
	[VRRP_A_ROUTER_STATE] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_ACTIVE_ADDR4] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_ACTIVE_INTERVAL] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_VMAC] = { .minlen = VRRP_VMAC_LEN },
	[VRRP_A_ROUTER_SKEW_TIME] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_STATS] = { .type = NLA_NESTED },
	[VRRP_A_ROUTER_FAMILY] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_ACCEPT] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_PREEMPT_DELAY] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_PEER] = { .type = NLA_NESTED },
	[VRRP_A_ROUTER_CHECKSUM] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_GARP_COUNT] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_GARP_SPACING] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_GARP_REPEAT_DELAY] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_GARP_REFRESH] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_ACTIVE_ADDR6] = { .minlen = 16 },
	[VRRP_A_ROUTER_OLD_STATE] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_REASON] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_RA] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_RA_INTERVAL] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_RA_LIFETIME] = { .type = NLA_U16 },
	[VRRP_A_ROUTER_RA_MTU] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_RA_PREFIX] = { .type = NLA_NESTED },
	[VRRP_A_ROUTER_NET_STATS] = { .type = NLA_NESTED },
	[VRRP_A_ROUTER_V2_COMPAT] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_EFFECTIVE_PRIORITY] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_FAULT] = { .type = NLA_U8 },
	[VRRP_A_ROUTER_TRACK] = { .type = NLA_NESTED },
	[VRRP_A_ROUTER_TRACK_DELAY_UP] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_TRACK_DELAY_DOWN] = { .type = NLA_U32 },
	[VRRP_A_ROUTER_GROUP] = { .type = NLA_STRING },
};

static const struct nla_policy vrrp_track_policy[VRRP_A_TRACK_MAX + 1] = {
	[VRRP_A_TRACK_IFINDEX] = { .type = NLA_U32 },
	[VRRP_A_TRACK_IFNAME] = { .type = NLA_STRING },
	[VRRP_A_TRACK_NAME] = { .type = NLA_STRING },
	[VRRP_A_TRACK_WEIGHT] = { .type = NLA_U8 },
	[VRRP_A_TRACK_UP] = { .type = NLA_U8 },
};

static const struct nla_policy vrrp_ra_prefix_policy[VRRP_A_RA_PREFIX_MAX + 1] = {
	[VRRP_A_RA_PREFIX_PREFIX] = { .minlen = 16 },
	[VRRP_A_RA_PREFIX_PREFIXLEN] = { .type = NLA_U8 },
	[VRRP_A_RA_PREFIX_ON_LINK] = { .type = NLA_U8 },
	[VRRP_A_RA_PREFIX_AUTONOMOUS] = { .type = NLA_U8 },
	[VRRP_A_RA_PREFIX_VALID_LIFETIME] = { .type = NLA_U32 },
	[VRRP_A_RA_PREFIX_PREFERRED_LIFETIME] = { .type = NLA_U32 },
};

static const struct nla_policy vrrp_vip_policy[VRRP_A_VIP_MAX + 1] = {
	[VRRP_A_VIP_ADDR4] = { .type = NLA_U32 },
	[VRRP_A_VIP_ADDR6] = { .minlen = 16 },
	[VRRP_A_VIP_PREFIXLEN] = { .type = NLA_U8 },
};

/* Counters per line of text output. */
#define VRRP_STATS_PER_LINE	4

#define VRRP_HAS(r, a)	((r)->present & (1ULL << (a)))

/**
 * vrrp_usage_show() - print the synopsis of "show"
 * @f: stream
 */
void vrrp_usage_show(FILE *f)
{
	fprintf(f,
		"Usage: vrrpctl [-s] [-d] [-j [-p]] show [[dev] DEV] [vrid VRID] [family { inet | inet6 }]\n");
}

/**
 * vrrp_state_name() - "init", "backup", "active" or "unknown"
 * @state: enum vrrp_state
 *
 * Return: a static string.
 */
const char *vrrp_state_name(unsigned int state)
{
	if (state < ARRAY_SIZE(vrrp_state_names) && vrrp_state_names[state])
		return vrrp_state_names[state];
	return "unknown";
}

/**
 * vrrp_reason_name() - the spec's name of a transition reason
 * @reason: enum vrrp_reason
 *
 * Return: a static string, "unknown" for a value this tool does not know.
 */
const char *vrrp_reason_name(unsigned int reason)
{
	if (reason < ARRAY_SIZE(vrrp_reason_names) && vrrp_reason_names[reason])
		return vrrp_reason_names[reason];
	return "unknown";
}

/**
 * vrrp_router_info_clear() - free what vrrp_router_parse() allocated
 * @r: the router
 */
void vrrp_router_info_clear(struct vrrp_router_info *r)
{
	free(r->vips);
	free(r->peers);
	r->vips = NULL;
	r->peers = NULL;
	r->nvips = 0;
	r->npeers = 0;
}

/**
 * vrrp_router_list_free() - free a list and its routers
 * @list: the list; left empty
 */
void vrrp_router_list_free(struct vrrp_router_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		vrrp_router_info_clear(&list->r[i]);
	free(list->r);
	memset(list, 0, sizeof(*list));
}

/* Collect the nests of type @type (vip or peer) into *@out. */
static int vrrp_parse_addrs(struct nlattr *attrs, int len, int type,
			    struct vrrp_vip_info **out, unsigned int *nout)
{
	struct nlattr *tb[VRRP_A_VIP_MAX + 1];
	struct vrrp_vip_info *vip;
	unsigned int n = 0;
	struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, attrs, len, rem)
		if (nla_type(nla) == type)
			n++;
	if (!n)
		return 0;
	*out = calloc(n, sizeof(**out));
	if (!*out)
		return -ENOMEM;

	nla_for_each_attr(nla, attrs, len, rem) {
		if (nla_type(nla) != type)
			continue;
		if (nla_parse_nested(tb, VRRP_A_VIP_MAX, nla,
				     vrrp_vip_policy) < 0)
			return -EBADMSG;
		vip = &(*out)[*nout];
		if (tb[VRRP_A_VIP_ADDR4]) {
			__u32 a = nla_get_u32(tb[VRRP_A_VIP_ADDR4]);

			vip->family = AF_INET;
			memcpy(vip->addr, &a, sizeof(a));
		} else if (tb[VRRP_A_VIP_ADDR6]) {
			vip->family = AF_INET6;
			memcpy(vip->addr, nla_data(tb[VRRP_A_VIP_ADDR6]), 16);
		} else {
			continue;
		}
		vip->plen = tb[VRRP_A_VIP_PREFIXLEN] ?
			    nla_get_u8(tb[VRRP_A_VIP_PREFIXLEN]) : -1;
		(*nout)++;
	}
	return 0;
}

static int vrrp_parse_stats(struct vrrp_router_info *r, struct nlattr *nest)
{
	struct nlattr *tb[VRRP_A_STATS_MAX + 1];
	int i;

	if (nla_parse_nested(tb, VRRP_A_STATS_MAX, nest,
			     vrrp_stats_policy) < 0)
		return -EBADMSG;
	for (i = VRRP_A_STATS_PAD + 1; i <= VRRP_A_STATS_MAX; i++) {
		if (!tb[i])
			continue;
		r->stats[i] = nla_get_u64(tb[i]);
		r->stats_present |= 1ULL << i;
	}
	return 0;
}

static __u8 vrrp_get_u8(struct nlattr **tb, int attr, __u8 def)
{
	return tb[attr] ? nla_get_u8(tb[attr]) : def;
}

static __u32 vrrp_get_u32(struct nlattr **tb, int attr)
{
	return tb[attr] ? nla_get_u32(tb[attr]) : 0;
}

static int vrrp_parse_ra_prefixes(struct vrrp_router_info *r,
				  struct nlattr *attrs, int len)
{
	struct nlattr *tb[VRRP_A_RA_PREFIX_MAX + 1];
	struct vrrp_ra_prefix_info *p;
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, attrs, len, rem) {
		if (nla_type(a) != VRRP_A_ROUTER_RA_PREFIX ||
		    r->nra_prefixes == VRRP_RA_PREFIXES_MAX)
			continue;
		if (nla_parse_nested(tb, VRRP_A_RA_PREFIX_MAX, a,
				     vrrp_ra_prefix_policy) < 0 ||
		    !tb[VRRP_A_RA_PREFIX_PREFIX])
			return -EBADMSG;
		p = &r->ra_prefixes[r->nra_prefixes++];
		memcpy(p->addr, nla_data(tb[VRRP_A_RA_PREFIX_PREFIX]), 16);
		p->plen = vrrp_get_u8(tb, VRRP_A_RA_PREFIX_PREFIXLEN, 0);
		p->onlink = vrrp_get_u8(tb, VRRP_A_RA_PREFIX_ON_LINK, 0);
		p->autonomous = vrrp_get_u8(tb, VRRP_A_RA_PREFIX_AUTONOMOUS, 0);
		p->valid = vrrp_get_u32(tb, VRRP_A_RA_PREFIX_VALID_LIFETIME);
		p->preferred = vrrp_get_u32(tb,
					    VRRP_A_RA_PREFIX_PREFERRED_LIFETIME);
	}
	return 0;
}

static int vrrp_parse_tracks(struct vrrp_router_info *r, struct nlattr *attrs,
			     int len)
{
	struct nlattr *tb[VRRP_A_TRACK_MAX + 1];
	struct vrrp_track_info *t;
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, attrs, len, rem) {
		if (nla_type(a) != VRRP_A_ROUTER_TRACK ||
		    r->ntracks == VRRP_TRACK_MAX)
			continue;
		if (nla_parse_nested(tb, VRRP_A_TRACK_MAX, a,
				     vrrp_track_policy) < 0)
			return -EBADMSG;
		t = &r->tracks[r->ntracks++];
		t->is_if = tb[VRRP_A_TRACK_IFINDEX];
		if (tb[VRRP_A_TRACK_NAME])
			nla_strlcpy(t->name, tb[VRRP_A_TRACK_NAME],
				    sizeof(t->name));
		else if (tb[VRRP_A_TRACK_IFNAME])
			nla_strlcpy(t->name, tb[VRRP_A_TRACK_IFNAME],
				    sizeof(t->name));
		else if (tb[VRRP_A_TRACK_IFINDEX])
			snprintf(t->name, sizeof(t->name), "if%u",
				 nla_get_u32(tb[VRRP_A_TRACK_IFINDEX]));
		t->weight = vrrp_get_u8(tb, VRRP_A_TRACK_WEIGHT, 0);
		t->up = vrrp_get_u8(tb, VRRP_A_TRACK_UP, 0);
	}
	return 0;
}

/**
 * vrrp_router_parse() - fill @r from the attributes of one router message
 * @r: zeroed; free its lists with vrrp_router_info_clear()
 * @nlh: a get reply or a notification
 *
 * Return: 0 or a negative errno.
 */
int vrrp_router_parse(struct vrrp_router_info *r, struct nlmsghdr *nlh)
{
	struct nlattr *tb[VRRP_A_ROUTER_MAX + 1];
	struct nlattr *attrs;
	int i, ret, len;

	if (genlmsg_parse(nlh, 0, tb, VRRP_A_ROUTER_MAX,
			  vrrp_router_policy) < 0)
		return -EBADMSG;
	for (i = 1; i <= VRRP_A_ROUTER_MAX; i++)
		if (tb[i])
			r->present |= 1ULL << i;

	r->ifindex = vrrp_get_u32(tb, VRRP_A_ROUTER_IFINDEX);
	if (tb[VRRP_A_ROUTER_IFNAME])
		nla_strlcpy(r->ifname, tb[VRRP_A_ROUTER_IFNAME],
			    sizeof(r->ifname));
	else if (!r->ifindex || !if_indextoname(r->ifindex, r->ifname))
		snprintf(r->ifname, sizeof(r->ifname), "if%u", r->ifindex);
	r->vrid = vrrp_get_u8(tb, VRRP_A_ROUTER_VRID, 0);
	/* Kernels before the family attribute had IPv4 only. */
	r->family = vrrp_get_u8(tb, VRRP_A_ROUTER_FAMILY, VRRP_FAMILY_INET);
	r->version = vrrp_get_u8(tb, VRRP_A_ROUTER_VERSION, 0);
	r->priority = vrrp_get_u8(tb, VRRP_A_ROUTER_PRIORITY, 0);
	r->preempt = vrrp_get_u8(tb, VRRP_A_ROUTER_PREEMPT, 0);
	r->accept = vrrp_get_u8(tb, VRRP_A_ROUTER_ACCEPT, 0);
	r->v2_compat = vrrp_get_u8(tb, VRRP_A_ROUTER_V2_COMPAT, 0);
	r->checksum = vrrp_get_u8(tb, VRRP_A_ROUTER_CHECKSUM, 0);
	r->garp_count = vrrp_get_u8(tb, VRRP_A_ROUTER_GARP_COUNT, 0);
	r->state = vrrp_get_u8(tb, VRRP_A_ROUTER_STATE, 0);
	r->old_state = vrrp_get_u8(tb, VRRP_A_ROUTER_OLD_STATE, 0);
	r->reason = vrrp_get_u8(tb, VRRP_A_ROUTER_REASON, 0);
	r->interval = vrrp_get_u32(tb, VRRP_A_ROUTER_INTERVAL);
	r->active_interval = vrrp_get_u32(tb, VRRP_A_ROUTER_ACTIVE_INTERVAL);
	r->preempt_delay = vrrp_get_u32(tb, VRRP_A_ROUTER_PREEMPT_DELAY);
	r->garp_spacing = vrrp_get_u32(tb, VRRP_A_ROUTER_GARP_SPACING);
	r->garp_repeat = vrrp_get_u32(tb, VRRP_A_ROUTER_GARP_REPEAT_DELAY);
	r->garp_refresh = vrrp_get_u32(tb, VRRP_A_ROUTER_GARP_REFRESH);
	r->skew_time = vrrp_get_u32(tb, VRRP_A_ROUTER_SKEW_TIME);
	r->active_down_interval =
		vrrp_get_u32(tb, VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL);
	if (tb[VRRP_A_ROUTER_ACTIVE_ADDR6]) {
		memcpy(r->active_addr, nla_data(tb[VRRP_A_ROUTER_ACTIVE_ADDR6]),
		       16);
		r->active_af = AF_INET6;
	} else if (tb[VRRP_A_ROUTER_ACTIVE_ADDR4]) {
		__u32 a = nla_get_u32(tb[VRRP_A_ROUTER_ACTIVE_ADDR4]);

		memcpy(r->active_addr, &a, sizeof(a));
		r->active_af = AF_INET;
	}
	if (tb[VRRP_A_ROUTER_VMAC])
		memcpy(r->vmac, nla_data(tb[VRRP_A_ROUTER_VMAC]),
		       VRRP_VMAC_LEN);
	if (tb[VRRP_A_ROUTER_STATS]) {
		ret = vrrp_parse_stats(r, tb[VRRP_A_ROUTER_STATS]);
		if (ret)
			return ret;
	}
	r->effective_priority = vrrp_get_u8(tb, VRRP_A_ROUTER_EFFECTIVE_PRIORITY,
					    r->priority);
	r->fault = vrrp_get_u8(tb, VRRP_A_ROUTER_FAULT, 0);
	r->track_delay_up = vrrp_get_u32(tb, VRRP_A_ROUTER_TRACK_DELAY_UP);
	r->track_delay_down = vrrp_get_u32(tb, VRRP_A_ROUTER_TRACK_DELAY_DOWN);
	if (tb[VRRP_A_ROUTER_GROUP])
		nla_strlcpy(r->group, tb[VRRP_A_ROUTER_GROUP],
			    sizeof(r->group));
	r->ra = vrrp_get_u8(tb, VRRP_A_ROUTER_RA, 0);
	r->ra_interval = vrrp_get_u32(tb, VRRP_A_ROUTER_RA_INTERVAL);
	r->ra_lifetime = tb[VRRP_A_ROUTER_RA_LIFETIME] ?
			 nla_get_u16(tb[VRRP_A_ROUTER_RA_LIFETIME]) : 0;
	r->ra_mtu = vrrp_get_u32(tb, VRRP_A_ROUTER_RA_MTU);
	attrs = genlmsg_attrdata(nlmsg_data(nlh), 0);
	len = genlmsg_attrlen(nlmsg_data(nlh), 0);
	ret = vrrp_parse_tracks(r, attrs, len);
	if (ret)
		return ret;
	ret = vrrp_parse_ra_prefixes(r, attrs, len);
	if (ret)
		return ret;
	ret = vrrp_parse_addrs(attrs, len, VRRP_A_ROUTER_VIP, &r->vips,
			       &r->nvips);
	if (ret)
		return ret;
	return vrrp_parse_addrs(attrs, len, VRRP_A_ROUTER_PEER, &r->peers,
				&r->npeers);
}

/* vrrp_nl_reply_fn: append one router to the list. */
static int vrrp_show_reply(struct nl_msg *msg, void *arg)
{
	struct vrrp_router_list *list = arg;
	struct vrrp_router_info *r;
	int ret;

	if (list->n == list->size) {
		size_t size = list->size ? list->size * 2 : 8;

		r = realloc(list->r, size * sizeof(*r));
		if (!r)
			return -ENOMEM;
		list->r = r;
		list->size = size;
	}
	r = &list->r[list->n];
	memset(r, 0, sizeof(*r));
	ret = vrrp_router_parse(r, nlmsg_hdr(msg));
	if (ret) {
		vrrp_router_info_clear(r);
		return ret;
	}
	list->n++;
	return 0;
}

static void vrrp_format_vip(const struct vrrp_vip_info *vip, char *buf,
			    size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(vip->family, vip->addr, addr, sizeof(addr)))
		snprintf(addr, sizeof(addr), "?");
	if (vip->plen >= 0)
		snprintf(buf, len, "%s/%d", addr, vip->plen);
	else
		snprintf(buf, len, "%s", addr);
}

static void vrrp_format_mac(const __u8 *mac, char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

static const char *vrrp_checksum_name(unsigned int c)
{
	return c == VRRP_CHECKSUM_PLAIN ? "plain" : "pseudo";
}

static void vrrp_print_text(const struct vrrp_ctx *ctx,
			    const struct vrrp_router_info *r)
{
	char buf[VRRP_VIP_STRLEN];
	unsigned int i;

	printf("%s vrid %u %s state %s prio %u", r->ifname, r->vrid,
	       vrrp_family_name(r->family), vrrp_state_name(r->state),
	       r->priority);
	if (r->effective_priority != r->priority)
		printf(" effective-prio %u", r->effective_priority);
	printf(" interval %ums%s%s\n", r->interval, r->fault ? " fault" : "",
	       r->state == VRRP_STATE_INIT &&
	       r->reason == VRRP_REASON_NO_ADDRESS ? " no-address" : "");

	if (!r->active_af ||
	    !inet_ntop(r->active_af, r->active_addr, buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "none");
	printf("    active-router %s", buf);
	vrrp_format_mac(r->vmac, buf, sizeof(buf));
	printf(" vmac %s preempt %s\n", buf, r->preempt ? "on" : "off");

	if (ctx->details) {
		printf("    version %u%s accept %s preempt-delay %ums checksum %s\n",
		       r->version, r->v2_compat ? " v2-compat on" : "",
		       r->accept ? "on" : "off", r->preempt_delay,
		       vrrp_checksum_name(r->checksum));
		printf("    garp-count %u garp-spacing %ums garp-repeat %ums garp-refresh %ums\n",
		       r->garp_count, r->garp_spacing, r->garp_repeat,
		       r->garp_refresh);
		printf("    active-interval %ums skew-time %uus active-down-interval %uus\n",
		       r->active_interval, r->skew_time,
		       r->active_down_interval);
		printf("    last-transition %s -> %s reason %s\n",
		       vrrp_state_name(r->old_state),
		       vrrp_state_name(r->state), vrrp_reason_name(r->reason));
	}

	for (i = 0; i < r->nvips; i++) {
		vrrp_format_vip(&r->vips[i], buf, sizeof(buf));
		printf("    address %s\n", buf);
	}
	if (r->group[0])
		printf("    group %s\n", r->group);
	for (i = 0; i < r->ntracks; i++)
		printf("    %s %s weight %u %s\n",
		       r->tracks[i].is_if ? "track" : "check",
		       r->tracks[i].name, r->tracks[i].weight,
		       r->tracks[i].up ? "up" : "down");
	if (ctx->details && r->ntracks)
		printf("    track-delay-up %ums track-delay-down %ums\n",
		       r->track_delay_up, r->track_delay_down);
	for (i = 0; ctx->details && i < r->npeers; i++) {
		struct vrrp_vip_info p = r->peers[i];

		p.plen = -1;
		vrrp_format_vip(&p, buf, sizeof(buf));
		printf("    peer %s\n", buf);
	}
	if (VRRP_HAS(r, VRRP_A_ROUTER_RA) && (r->ra || ctx->details)) {
		printf("    ra %s ra-interval %ums ra-lifetime %us ra-mtu %u\n",
		       r->ra ? "on" : "off", r->ra_interval, r->ra_lifetime,
		       r->ra_mtu);
		for (i = 0; i < r->nra_prefixes; i++) {
			const struct vrrp_ra_prefix_info *p = &r->ra_prefixes[i];

			inet_ntop(AF_INET6, p->addr, buf, sizeof(buf));
			printf("    ra-prefix %s/%u valid %u preferred %u",
			       buf, p->plen, p->valid, p->preferred);
			printf(" on-link %s autonomous %s\n",
			       p->onlink ? "on" : "off",
			       p->autonomous ? "on" : "off");
		}
	}

	if (!ctx->stats)
		return;
	printf("    stats:");
	for (i = 0; i < ARRAY_SIZE(vrrp_stat_names); i++) {
		const struct vrrp_stat_name *s = &vrrp_stat_names[i];

		if (i % VRRP_STATS_PER_LINE == 0)
			printf("\n       ");
		if (r->stats_present & (1ULL << s->attr))
			printf(" %s %llu", s->text,
			       (unsigned long long)r->stats[s->attr]);
		else
			printf(" %s -", s->text);
	}
	printf("\n");
}

/* A member that is null when the kernel did not send the attribute. */
static void vrrp_json_attr_u64(struct vrrp_json *j, const char *key,
			       const struct vrrp_router_info *r, int attr,
			       __u64 val)
{
	if (VRRP_HAS(r, attr))
		vrrp_json_u64(j, key, val);
	else
		vrrp_json_null(j, key);
}

static void vrrp_json_attr_bool(struct vrrp_json *j, const char *key,
				const struct vrrp_router_info *r, int attr,
				bool val)
{
	if (VRRP_HAS(r, attr))
		vrrp_json_bool(j, key, val);
	else
		vrrp_json_null(j, key);
}

/**
 * vrrp_router_print_json() - write one router as a JSON object
 * @j: writer
 * @r: the router
 * @event: "state", "change" or "del" first in the object, or NULL
 * @timestamp: a "timestamp" member after @event, or NULL
 */
void vrrp_router_print_json(struct vrrp_json *j,
			    const struct vrrp_router_info *r,
			    const char *event, const char *timestamp)
{
	char buf[VRRP_VIP_STRLEN];
	unsigned int i;

	vrrp_json_open_object(j, NULL);
	if (event)
		vrrp_json_string(j, "event", event);
	if (timestamp)
		vrrp_json_string(j, "timestamp", timestamp);
	vrrp_json_string(j, "ifname", r->ifname);
	vrrp_json_attr_u64(j, "ifindex", r, VRRP_A_ROUTER_IFINDEX, r->ifindex);
	vrrp_json_attr_u64(j, "vrid", r, VRRP_A_ROUTER_VRID, r->vrid);
	vrrp_json_string(j, "family", vrrp_family_name(r->family));
	vrrp_json_attr_u64(j, "version", r, VRRP_A_ROUTER_VERSION,
			   r->version);
	vrrp_json_string(j, "state", VRRP_HAS(r, VRRP_A_ROUTER_STATE) ?
			 vrrp_state_name(r->state) : NULL);
	vrrp_json_string(j, "old_state", VRRP_HAS(r, VRRP_A_ROUTER_OLD_STATE) ?
			 vrrp_state_name(r->old_state) : NULL);
	vrrp_json_string(j, "reason", VRRP_HAS(r, VRRP_A_ROUTER_REASON) ?
			 vrrp_reason_name(r->reason) : NULL);
	vrrp_json_attr_u64(j, "priority", r, VRRP_A_ROUTER_PRIORITY,
			   r->priority);
	vrrp_json_attr_u64(j, "interval", r, VRRP_A_ROUTER_INTERVAL,
			   r->interval);
	vrrp_json_attr_u64(j, "active_interval", r,
			   VRRP_A_ROUTER_ACTIVE_INTERVAL, r->active_interval);
	vrrp_json_attr_bool(j, "preempt", r, VRRP_A_ROUTER_PREEMPT,
			    r->preempt);
	vrrp_json_attr_u64(j, "preempt_delay", r, VRRP_A_ROUTER_PREEMPT_DELAY,
			   r->preempt_delay);
	vrrp_json_attr_bool(j, "accept", r, VRRP_A_ROUTER_ACCEPT, r->accept);
	vrrp_json_attr_bool(j, "v2_compat", r, VRRP_A_ROUTER_V2_COMPAT,
			    r->v2_compat);
	vrrp_json_string(j, "checksum", VRRP_HAS(r, VRRP_A_ROUTER_CHECKSUM) ?
			 vrrp_checksum_name(r->checksum) : NULL);
	vrrp_json_attr_u64(j, "garp_count", r, VRRP_A_ROUTER_GARP_COUNT,
			   r->garp_count);
	vrrp_json_attr_u64(j, "garp_spacing", r, VRRP_A_ROUTER_GARP_SPACING,
			   r->garp_spacing);
	vrrp_json_attr_u64(j, "garp_repeat", r,
			   VRRP_A_ROUTER_GARP_REPEAT_DELAY, r->garp_repeat);
	vrrp_json_attr_u64(j, "garp_refresh", r, VRRP_A_ROUTER_GARP_REFRESH,
			   r->garp_refresh);

	if (r->active_af &&
	    inet_ntop(r->active_af, r->active_addr, buf, sizeof(buf)))
		vrrp_json_string(j, "active_router", buf);
	else
		vrrp_json_null(j, "active_router");
	if (VRRP_HAS(r, VRRP_A_ROUTER_VMAC)) {
		vrrp_format_mac(r->vmac, buf, sizeof(buf));
		vrrp_json_string(j, "vmac", buf);
	} else {
		vrrp_json_null(j, "vmac");
	}

	vrrp_json_open_array(j, "addresses");
	for (i = 0; i < r->nvips; i++) {
		vrrp_format_vip(&r->vips[i], buf, sizeof(buf));
		vrrp_json_string(j, NULL, buf);
	}
	vrrp_json_close_array(j);
	vrrp_json_open_array(j, "peers");
	for (i = 0; i < r->npeers; i++) {
		struct vrrp_vip_info p = r->peers[i];

		p.plen = -1;
		vrrp_format_vip(&p, buf, sizeof(buf));
		vrrp_json_string(j, NULL, buf);
	}
	vrrp_json_close_array(j);

	vrrp_json_attr_u64(j, "effective_priority", r,
			   VRRP_A_ROUTER_EFFECTIVE_PRIORITY,
			   r->effective_priority);
	vrrp_json_attr_bool(j, "fault", r, VRRP_A_ROUTER_FAULT, r->fault);
	vrrp_json_string(j, "group", r->group[0] ? r->group : NULL);
	vrrp_json_attr_u64(j, "track_delay_up", r,
			   VRRP_A_ROUTER_TRACK_DELAY_UP, r->track_delay_up);
	vrrp_json_attr_u64(j, "track_delay_down", r,
			   VRRP_A_ROUTER_TRACK_DELAY_DOWN, r->track_delay_down);
	vrrp_json_open_array(j, "tracks");
	for (i = 0; i < r->ntracks; i++) {
		vrrp_json_open_object(j, NULL);
		vrrp_json_string(j, r->tracks[i].is_if ? "interface" : "check",
				 r->tracks[i].name);
		vrrp_json_u64(j, "weight", r->tracks[i].weight);
		vrrp_json_bool(j, "up", r->tracks[i].up);
		vrrp_json_close_object(j);
	}
	vrrp_json_close_array(j);

	if (VRRP_HAS(r, VRRP_A_ROUTER_RA)) {
		vrrp_json_bool(j, "ra", r->ra);
		vrrp_json_u64(j, "ra_interval", r->ra_interval);
		vrrp_json_u64(j, "ra_lifetime", r->ra_lifetime);
		vrrp_json_u64(j, "ra_mtu", r->ra_mtu);
		vrrp_json_open_array(j, "ra_prefixes");
		for (i = 0; i < r->nra_prefixes; i++) {
			const struct vrrp_ra_prefix_info *p = &r->ra_prefixes[i];

			inet_ntop(AF_INET6, p->addr, buf, sizeof(buf));
			vrrp_json_open_object(j, NULL);
			vrrp_json_string(j, "prefix", buf);
			vrrp_json_u64(j, "prefixlen", p->plen);
			vrrp_json_bool(j, "on_link", p->onlink);
			vrrp_json_bool(j, "autonomous", p->autonomous);
			vrrp_json_u64(j, "valid_lifetime", p->valid);
			vrrp_json_u64(j, "preferred_lifetime", p->preferred);
			vrrp_json_close_object(j);
		}
		vrrp_json_close_array(j);
	}
	vrrp_json_attr_u64(j, "skew_time_us", r, VRRP_A_ROUTER_SKEW_TIME,
			   r->skew_time);
	vrrp_json_attr_u64(j, "active_down_interval_us", r,
			   VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL,
			   r->active_down_interval);

	vrrp_json_open_object(j, "stats");
	for (i = 0; i < ARRAY_SIZE(vrrp_stat_names); i++) {
		const struct vrrp_stat_name *s = &vrrp_stat_names[i];

		if (r->stats_present & (1ULL << s->attr))
			vrrp_json_u64(j, s->json, r->stats[s->attr]);
		else
			vrrp_json_null(j, s->json);
	}
	vrrp_json_close_object(j);
	vrrp_json_close_object(j);
}

/**
 * vrrp_show_print() - print the routers of a show, as text or JSON
 * @ctx: global options (-j, -p, -s, -d)
 * @list: the routers
 */
void vrrp_show_print(const struct vrrp_ctx *ctx,
		     const struct vrrp_router_list *list)
{
	struct vrrp_json j;
	size_t i;

	if (!ctx->json) {
		for (i = 0; i < list->n; i++)
			vrrp_print_text(ctx, &list->r[i]);
		return;
	}
	vrrp_json_init(&j, stdout, ctx->pretty);
	vrrp_json_open_array(&j, NULL);
	for (i = 0; i < list->n; i++)
		vrrp_router_print_json(&j, &list->r[i], NULL, NULL);
	vrrp_json_close_array(&j);
	vrrp_json_end(&j);
}

enum {
	VRRP_SHOW_KW_DEV,
	VRRP_SHOW_KW_VRID,
	VRRP_SHOW_KW_FAMILY,
};

static const struct vrrp_kw vrrp_show_kws[] = {
	{ "dev", VRRP_SHOW_KW_DEV, 0 },
	{ "vrid", VRRP_SHOW_KW_VRID, 0 },
	{ "family", VRRP_SHOW_KW_FAMILY, 0 },
	{ NULL, 0, 0 },
};

/*
 * show [[dev] DEV] [vrid VRID] [family F]: a first word other than a
 * keyword is the device.
 */
static int vrrp_parse_show(int argc, char **argv, const char **dev,
			   unsigned char *vrid, unsigned char *family)
{
	const char *val;
	int i = 0, kw;

	if (argc > 0 && vrrp_kw_lookup(vrrp_show_kws, argv[0]) < 0) {
		if (vrrp_parse_dev(argv[0], dev))
			return -1;
		i = 1;
	}
	for (; i < argc; i++) {
		kw = vrrp_kw_parse(vrrp_show_kws, argv[i], "keyword");
		if (kw < 0)
			return -1;
		val = vrrp_arg_value(argc, argv, &i);
		if (!val)
			return -1;
		switch (kw) {
		case VRRP_SHOW_KW_DEV:
			if (vrrp_parse_dev(val, dev))
				return -1;
			break;
		case VRRP_SHOW_KW_VRID:
			if (*vrid) {
				vrrp_err("duplicate \"vrid\"");
				return -1;
			}
			if (vrrp_parse_vrid(val, vrid))
				return -1;
			break;
		case VRRP_SHOW_KW_FAMILY:
			if (*family) {
				vrrp_err("duplicate \"family\"");
				return -1;
			}
			if (vrrp_parse_family(val, family))
				return -1;
			break;
		}
	}
	return 0;
}

/* One dump, with the filters that are set; collect into @list. */
static int vrrp_dump_once(struct vrrp_nl *nl, unsigned int ifindex,
			  unsigned char vrid, unsigned char family,
			  struct vrrp_router_list *list,
			  struct vrrp_nl_err *err)
{
	struct nl_msg *msg;
	int ret = -1;

	msg = vrrp_nl_msg_new(nl, VRRP_CMD_GET, NLM_F_DUMP);
	if (!msg)
		goto err_nomem;
	if (ifindex && nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, ifindex))
		goto err_nomem;
	if (vrid && nla_put_u8(msg, VRRP_A_ROUTER_VRID, vrid))
		goto err_nomem;
	if (family && nla_put_u8(msg, VRRP_A_ROUTER_FAMILY, family))
		goto err_nomem;
	ret = vrrp_nl_run(nl, msg, vrrp_show_reply, list, err);
	nlmsg_free(msg);
	return ret;

err_nomem:
	memset(err, 0, sizeof(*err));
	err->error = -ENOMEM;
	nlmsg_free(msg);
	return -1;
}

/**
 * vrrp_router_dump() - dump routers, retrying a dump that was interrupted
 * @nl: an open socket
 * @ifindex: only this interface, or 0
 * @vrid: only this VRID, or 0
 * @family: only this family, or 0
 * @list: empty; filled with the routers
 * @err: why it failed
 *
 * Return: 0, or -1 with @err filled in and @list empty.
 */
int vrrp_router_dump(struct vrrp_nl *nl, unsigned int ifindex,
		     unsigned char vrid, unsigned char family,
		     struct vrrp_router_list *list, struct vrrp_nl_err *err)
{
	int ret = -1, tries;

	for (tries = 0; tries < VRRP_SHOW_DUMP_TRIES; tries++) {
		ret = vrrp_dump_once(nl, ifindex, vrid, family, list, err);
		if (!ret)
			return 0;
		vrrp_router_list_free(list);
		if (!vrrp_nl_err_is_dump_intr(err))
			break;
	}
	return ret;
}

/**
 * vrrp_cmd_show() - "vrrpctl show": list virtual routers
 * @ctx: global options
 * @argc: number of words after "show"
 * @argv: the words after "show"
 *
 * Return: an exit code.
 */
int vrrp_cmd_show(struct vrrp_ctx *ctx, int argc, char **argv)
{
	struct vrrp_router_list list = { 0 };
	unsigned char vrid = 0, family = 0;
	struct vrrp_nl nl = { 0 };
	unsigned int ifindex = 0;
	struct vrrp_nl_err err;
	const char *dev = NULL;
	char what[64];
	int ret, len;

	if (vrrp_parse_show(argc, argv, &dev, &vrid, &family))
		return VRRP_EXIT_USAGE;
	if (vrrp_netns_enter(ctx->netns))
		return VRRP_EXIT_FAIL;
	if (dev && vrrp_dev_index(dev, &ifindex))
		return VRRP_EXIT_FAIL;
	if (vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;
	ret = vrrp_router_dump(&nl, ifindex, vrid, family, &list, &err);
	vrrp_nl_close(&nl);

	/* One router asked for by name and not there: as a get would. */
	if (!ret && dev && vrid && !list.n) {
		memset(&err, 0, sizeof(err));
		err.error = -ENOENT;
		snprintf(err.msg, sizeof(err.msg),
			 "no virtual router with this VRID%s on the interface",
			 family ? " and family" : "");
		ret = -1;
	}
	if (ret) {
		len = snprintf(what, sizeof(what), "show");
		if (dev)
			len += snprintf(what + len, sizeof(what) - len,
					" %s", dev);
		if (vrid)
			len += snprintf(what + len, sizeof(what) - len,
					" vrid %u", vrid);
		if (family)
			snprintf(what + len, sizeof(what) - len, " family %s",
				 vrrp_family_name(family));
		vrrp_nl_perror(what, &err);
		return VRRP_EXIT_FAIL;
	}
	vrrp_show_print(ctx, &list);
	vrrp_router_list_free(&list);
	return VRRP_EXIT_OK;
}
