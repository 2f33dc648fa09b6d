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
#include <unistd.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/types.h>
#include <linux/vrrp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "netns.h"
#include "nl.h"
#include "print.h"
#include "show.h"
#include "spec-gen.h"
#include "util.h"

#define VRRP_SHOW_DUMP_TRIES	5
/* "address/prefixlen" */
#define VRRP_VIP_STRLEN		(INET6_ADDRSTRLEN + 16)

static const struct nla_policy vrrp_router_policy[VRRP_A_ROUTER_MAX + 1] = {
	VRRP_ROUTER_POLICY
};

static const struct nla_policy vrrp_track_policy[VRRP_A_TRACK_MAX + 1] = {
	VRRP_TRACK_POLICY
};

static const struct nla_policy vrrp_ra_prefix_policy[VRRP_A_RA_PREFIX_MAX + 1] = {
	VRRP_RA_PREFIX_POLICY
};

static const struct nla_policy vrrp_vip_policy[VRRP_A_VIP_MAX + 1] = {
	VRRP_VIP_POLICY
};

/* Counters per line of text output. */
#define VRRP_STATS_PER_LINE	4

#define VRRP_HAS(r, a)	((r)->present & (1ULL << (a)))

const struct vrrp_usage vrrp_usage_show = {
	.synopsis = "vrrpctl [-s] [-d] [-j [-p]] show [[dev] DEV] [vrid VRID]\n"
		    "                   [family { inet | inet6 }]\n",
};

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
 * vrrp_script_exec() - become the program run for a state change
 * @prog: the program, looked up in PATH
 * @a: what it is told
 *
 * In a forked child, for monitor --exec and notify: the program gets DEV
 * VRID FAMILY OLD NEW REASON (and EVENT for notify) as arguments and the
 * same, with the priorities and the group, in VRRP_* variables.
 *
 * Return: only when the program could not be run, with errno set.
 */
void vrrp_script_exec(const char *prog, const struct vrrp_script_args *a)
{
	char vrid[4], prio[4], eprio[4];
	const char *fam = vrrp_family_name(a->family);
	const char *old = vrrp_state_name(a->old_state);
	const char *new = vrrp_state_name(a->state);
	const char *reason = vrrp_reason_name(a->reason);

	snprintf(vrid, sizeof(vrid), "%u", a->vrid);
	snprintf(prio, sizeof(prio), "%u", a->priority);
	snprintf(eprio, sizeof(eprio), "%u", a->effective_priority);
	if (setenv("VRRP_IFNAME", a->ifname, 1) ||
	    setenv("VRRP_VRID", vrid, 1) ||
	    setenv("VRRP_FAMILY", fam, 1) ||
	    setenv("VRRP_OLD_STATE", old, 1) ||
	    setenv("VRRP_STATE", new, 1) ||
	    setenv("VRRP_REASON", reason, 1) ||
	    (a->event && setenv("VRRP_EVENT", a->event, 1)) ||
	    setenv("VRRP_PRIORITY", prio, 1) ||
	    setenv("VRRP_EFFECTIVE_PRIORITY", eprio, 1) ||
	    setenv("VRRP_GROUP", a->group, 1))
		return;
	execlp(prog, prog, a->ifname, vrid, fam, old, new, reason, a->event,
	       (char *)NULL);
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

static __u32 vrrp_get_u32_or(struct nlattr **tb, int attr, __u32 def)
{
	return tb[attr] ? nla_get_u32(tb[attr]) : def;
}

static __u32 vrrp_get_u32(struct nlattr **tb, int attr)
{
	return vrrp_get_u32_or(tb, attr, 0);
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
		/* What a request leaves out is the kernel's default. */
		p->plen = vrrp_get_u8(tb, VRRP_A_RA_PREFIX_PREFIXLEN, 0);
		p->onlink = vrrp_get_u8(tb, VRRP_A_RA_PREFIX_ON_LINK, 1);
		p->autonomous = vrrp_get_u8(tb, VRRP_A_RA_PREFIX_AUTONOMOUS, 1);
		p->valid = vrrp_get_u32_or(tb, VRRP_A_RA_PREFIX_VALID_LIFETIME,
					   VRRP_RA_VALID_DEFAULT);
		p->preferred = vrrp_get_u32_or(tb,
					       VRRP_A_RA_PREFIX_PREFERRED_LIFETIME,
					       VRRP_RA_PREFERRED_DEFAULT);
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
		t->is_if = tb[VRRP_A_TRACK_IFINDEX] || tb[VRRP_A_TRACK_IFNAME];
		t->ifindex = vrrp_get_u32(tb, VRRP_A_TRACK_IFINDEX);
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
		t->has_ttl = tb[VRRP_A_TRACK_TTL];
		t->ttl = vrrp_get_u32(tb, VRRP_A_TRACK_TTL);
		t->has_ttl_left = tb[VRRP_A_TRACK_TTL_LEFT];
		t->ttl_left = vrrp_get_u32(tb, VRRP_A_TRACK_TTL_LEFT);
		t->has_expired = tb[VRRP_A_TRACK_EXPIRED];
		t->expired = vrrp_get_u8(tb, VRRP_A_TRACK_EXPIRED, 0);
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
	r->forward = vrrp_get_u8(tb, VRRP_A_ROUTER_FORWARD, 0);
	r->mode = vrrp_get_u8(tb, VRRP_A_ROUTER_MODE, VRRP_MODE_VRRP);
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
		       VRRP_MAC_LEN);
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

/* A peer has no prefix length. */
static void vrrp_format_peer(const struct vrrp_vip_info *peer, char *buf,
			     size_t len)
{
	struct vrrp_vip_info p = *peer;

	p.plen = -1;
	vrrp_format_vip(&p, buf, len);
}

/* A number the kernel may not have sent: null in JSON, as 0 in text. */
static void vrrp_print_attr_uint(const struct vrrp_router_info *r, int attr,
				 int type, const char *key, const char *fmt,
				 unsigned int val)
{
	if (VRRP_HAS(r, attr)) {
		vrrp_print_uint(type, key, fmt, val);
		return;
	}
	vrrp_print_null(type & VRRP_PRINT_JSON, key, NULL, NULL);
	vrrp_print_uint(type & VRRP_PRINT_FP, NULL, fmt, val);
}

/* A flag the kernel may not have sent: null in JSON, as off in text. */
static void vrrp_print_attr_bool_as(const struct vrrp_router_info *r,
				    int attr, int type, const char *key,
				    const char *fmt, bool val, const char *yes,
				    const char *no)
{
	if (VRRP_HAS(r, attr)) {
		vrrp_print_bool_as(type, key, fmt, val, yes, no);
		return;
	}
	vrrp_print_null(type & VRRP_PRINT_JSON, key, NULL, NULL);
	vrrp_print_bool_as(type & VRRP_PRINT_FP, NULL, fmt, val, yes, no);
}

static void vrrp_print_attr_on_off(const struct vrrp_router_info *r, int attr,
				   int type, const char *key, const char *fmt,
				   bool val)
{
	vrrp_print_attr_bool_as(r, attr, type, key, fmt, val, "on", "off");
}

/* A name the kernel may not have sent: null in JSON, the default in text. */
static void vrrp_print_attr_string(const struct vrrp_router_info *r, int attr,
				   int type, const char *key, const char *fmt,
				   const char *val)
{
	if (VRRP_HAS(r, attr)) {
		vrrp_print_string(type, key, fmt, val);
		return;
	}
	vrrp_print_null(type & VRRP_PRINT_JSON, key, NULL, NULL);
	vrrp_print_string(type & VRRP_PRINT_FP, NULL, fmt, val);
}

/*
 * Each field is printed by one call, in the order of the text; JSON gets
 * every field in that order. A field that text shows only at times (with
 * -d, or when it says something) has the type VRRP_PRINT_JSON plus
 * VRRP_PRINT_FP when text shows it.
 */

/* Name, state and priority: the first two lines of text. */
static void vrrp_print_head(const struct vrrp_router_info *r)
{
	int eff = r->effective_priority != r->priority ? VRRP_PRINT_FP : 0;
	char buf[VRRP_VIP_STRLEN];

	vrrp_print_string(VRRP_PRINT_ANY, "ifname", "%s", r->ifname);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_IFINDEX, VRRP_PRINT_JSON,
			     "ifindex", NULL, r->ifindex);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_VRID, VRRP_PRINT_ANY, "vrid",
			     " vrid %u", r->vrid);
	vrrp_print_string(VRRP_PRINT_ANY, "family", " %s",
			  vrrp_family_name(r->family));
	vrrp_print_attr_string(r, VRRP_A_ROUTER_STATE, VRRP_PRINT_ANY, "state",
			       " state %s", vrrp_state_name(r->state));
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_PRIORITY, VRRP_PRINT_ANY,
			     "priority", " prio %u", r->priority);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_EFFECTIVE_PRIORITY,
			     VRRP_PRINT_JSON | eff, "effective_priority",
			     " effective-prio %u", r->effective_priority);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_INTERVAL, VRRP_PRINT_ANY,
			     "interval", " interval %ums", r->interval);
	vrrp_print_attr_bool_as(r, VRRP_A_ROUTER_FAULT, VRRP_PRINT_ANY,
				"fault", "%s", r->fault, " fault", "");
	if (r->state == VRRP_STATE_INIT && r->reason == VRRP_REASON_NO_ADDRESS)
		vrrp_print_fp(VRRP_PRINT_FP, " no-address");
	vrrp_print_nl(VRRP_PRINT_FP);

	if (r->active_af &&
	    inet_ntop(r->active_af, r->active_addr, buf, sizeof(buf)))
		vrrp_print_string(VRRP_PRINT_ANY, "active_router",
				  "    active-router %s", buf);
	else
		vrrp_print_null(VRRP_PRINT_ANY, "active_router",
				"    active-router %s", "none");
	vrrp_mac_format(r->vmac, buf, sizeof(buf));
	vrrp_print_attr_string(r, VRRP_A_ROUTER_VMAC, VRRP_PRINT_ANY, "vmac",
			       " vmac %s", buf);
	vrrp_print_attr_on_off(r, VRRP_A_ROUTER_PREEMPT, VRRP_PRINT_ANY,
			       "preempt", " preempt %s", r->preempt);
	vrrp_print_nl(VRRP_PRINT_FP);
}

/* Settings and timers: every one in JSON, in text with -d. */
static void vrrp_print_details(const struct vrrp_ctx *ctx,
			       const struct vrrp_router_info *r)
{
	int fp = ctx->details ? VRRP_PRINT_FP : 0;
	int any = fp | VRRP_PRINT_JSON;

	vrrp_print_attr_uint(r, VRRP_A_ROUTER_VERSION, any, "version",
			     "    version %u", r->version);
	vrrp_print_attr_on_off(r, VRRP_A_ROUTER_V2_COMPAT,
			       r->v2_compat ? any : VRRP_PRINT_JSON,
			       "v2_compat", " v2-compat %s", r->v2_compat);
	vrrp_print_attr_on_off(r, VRRP_A_ROUTER_ACCEPT, any, "accept",
			       " accept %s", r->accept);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_PREEMPT_DELAY, any,
			     "preempt_delay", " preempt-delay %ums",
			     r->preempt_delay);
	vrrp_print_attr_string(r, VRRP_A_ROUTER_CHECKSUM, any, "checksum",
			       " checksum %s",
			       vrrp_enum2_word(vrrp_checksum_words, r->checksum));
	vrrp_print_attr_string(r, VRRP_A_ROUTER_FORWARD, any, "forward",
			       " forward %s",
			       vrrp_enum2_word(vrrp_forward_words, r->forward));
	vrrp_print_attr_string(r, VRRP_A_ROUTER_MODE, any, "mode", " mode %s",
			       vrrp_enum2_word(vrrp_mode_words, r->mode));
	vrrp_print_nl(fp);

	vrrp_print_attr_uint(r, VRRP_A_ROUTER_GARP_COUNT, any, "garp_count",
			     "    garp-count %u", r->garp_count);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_GARP_SPACING, any,
			     "garp_spacing", " garp-spacing %ums",
			     r->garp_spacing);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_GARP_REPEAT_DELAY, any,
			     "garp_repeat", " garp-repeat %ums", r->garp_repeat);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_GARP_REFRESH, any,
			     "garp_refresh", " garp-refresh %ums",
			     r->garp_refresh);
	vrrp_print_nl(fp);

	vrrp_print_attr_uint(r, VRRP_A_ROUTER_ACTIVE_INTERVAL, any,
			     "active_interval", "    active-interval %ums",
			     r->active_interval);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_SKEW_TIME, any, "skew_time_us",
			     " skew-time %uus", r->skew_time);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL, any,
			     "active_down_interval_us",
			     " active-down-interval %uus\n",
			     r->active_down_interval);
	/* The new state is the field "state" of the first line. */
	vrrp_print_attr_string(r, VRRP_A_ROUTER_OLD_STATE, any, "old_state",
			       "    last-transition %s",
			       vrrp_state_name(r->old_state));
	vrrp_print_fp(fp, " -> %s", vrrp_state_name(r->state));
	vrrp_print_attr_string(r, VRRP_A_ROUTER_REASON, any, "reason",
			       " reason %s\n", vrrp_reason_name(r->reason));
}

/*
 * A health check's lifetime: why it is down when it expired, its ttl,
 * the time it has left. Absent in JSON is null: none, or a kernel
 * before lifetimes.
 */
static void vrrp_print_check(const struct vrrp_track_info *t)
{
	if (t->has_expired)
		vrrp_print_bool_as(VRRP_PRINT_ANY, "expired", "%s", t->expired,
				   " expired", "");
	else
		vrrp_print_null(VRRP_PRINT_JSON, "expired", NULL, NULL);
	if (t->has_ttl)
		vrrp_print_uint(VRRP_PRINT_ANY, "ttl", " ttl %ums", t->ttl);
	else
		vrrp_print_null(VRRP_PRINT_JSON, "ttl", NULL, NULL);
	if (t->has_ttl_left)
		vrrp_print_uint(VRRP_PRINT_ANY, "ttl_left", " ttl-left %ums",
				t->ttl_left);
	else
		vrrp_print_null(VRRP_PRINT_JSON, "ttl_left", NULL, NULL);
}

/* Addresses, the sync group, the tracked objects and the peers. */
static void vrrp_print_members(const struct vrrp_ctx *ctx,
			       const struct vrrp_router_info *r)
{
	int fp = ctx->details ? VRRP_PRINT_FP : 0;
	int delays = r->ntracks ? fp : 0;
	const struct vrrp_track_info *t;
	char buf[VRRP_VIP_STRLEN];
	unsigned int i;

	vrrp_open_array("addresses");
	for (i = 0; i < r->nvips; i++) {
		vrrp_format_vip(&r->vips[i], buf, sizeof(buf));
		vrrp_print_string(VRRP_PRINT_ANY, NULL, "    address %s\n", buf);
	}
	vrrp_close_array();

	vrrp_print_string(VRRP_PRINT_ANY, "group", "    group %s\n",
			  r->group[0] ? r->group : NULL);

	vrrp_open_array("tracks");
	for (i = 0; i < r->ntracks; i++) {
		t = &r->tracks[i];
		vrrp_open_object(NULL);
		vrrp_print_string(VRRP_PRINT_ANY,
				  t->is_if ? "interface" : "check",
				  t->is_if ? "    track %s" : "    check %s",
				  t->name);
		vrrp_print_uint(VRRP_PRINT_ANY, "weight", " weight %u",
				t->weight);
		vrrp_print_bool_as(VRRP_PRINT_ANY, "up", " %s", t->up, "up",
				   "down");
		if (t->is_if)
			vrrp_print_bool_as(VRRP_PRINT_ANY, "present", "%s",
					   t->ifindex, "", " (absent)");
		else
			vrrp_print_check(t);
		vrrp_print_nl(VRRP_PRINT_FP);
		vrrp_close_object();
	}
	vrrp_close_array();
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_TRACK_DELAY_UP,
			     VRRP_PRINT_JSON | delays, "track_delay_up",
			     "    track-delay-up %ums", r->track_delay_up);
	vrrp_print_attr_uint(r, VRRP_A_ROUTER_TRACK_DELAY_DOWN,
			     VRRP_PRINT_JSON | delays, "track_delay_down",
			     " track-delay-down %ums\n", r->track_delay_down);

	vrrp_open_array("peers");
	for (i = 0; i < r->npeers; i++) {
		vrrp_format_peer(&r->peers[i], buf, sizeof(buf));
		vrrp_print_string(VRRP_PRINT_JSON | fp, NULL, "    peer %s\n",
				  buf);
	}
	vrrp_close_array();
}

/* Router Advertisements: in text when on, or with -d. */
static void vrrp_print_ra(const struct vrrp_ctx *ctx,
			  const struct vrrp_router_info *r)
{
	int any = r->ra || ctx->details ? VRRP_PRINT_ANY : VRRP_PRINT_JSON;
	const struct vrrp_ra_prefix_info *p;
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	if (!VRRP_HAS(r, VRRP_A_ROUTER_RA))
		return;
	vrrp_print_on_off(any, "ra", "    ra %s", r->ra);
	vrrp_print_uint(any, "ra_interval", " ra-interval %ums", r->ra_interval);
	vrrp_print_uint(any, "ra_lifetime", " ra-lifetime %us", r->ra_lifetime);
	vrrp_print_uint(any, "ra_mtu", " ra-mtu %u\n", r->ra_mtu);
	vrrp_open_array("ra_prefixes");
	for (i = 0; i < r->nra_prefixes; i++) {
		p = &r->ra_prefixes[i];
		inet_ntop(AF_INET6, p->addr, buf, sizeof(buf));
		vrrp_open_object(NULL);
		vrrp_print_string(any, "prefix", "    ra-prefix %s", buf);
		vrrp_print_uint(any, "prefixlen", "/%u", p->plen);
		vrrp_print_uint(any, "valid_lifetime", " valid %u", p->valid);
		vrrp_print_uint(any, "preferred_lifetime", " preferred %u",
				p->preferred);
		vrrp_print_on_off(any, "on_link", " on-link %s", p->onlink);
		vrrp_print_on_off(any, "autonomous", " autonomous %s\n",
				  p->autonomous);
		vrrp_close_object();
	}
	vrrp_close_array();
}

/* Every counter of the spec: in JSON, and in text with -s. */
static void vrrp_print_stats(const struct vrrp_ctx *ctx,
			     const struct vrrp_router_info *r)
{
	int any = ctx->stats ? VRRP_PRINT_ANY : VRRP_PRINT_JSON;
	const struct vrrp_stat_name *s;
	unsigned int i;

	vrrp_print_fp(any, "    stats:");
	vrrp_open_object("stats");
	for (i = 0; i < ARRAY_SIZE(vrrp_stat_names); i++) {
		s = &vrrp_stat_names[i];
		if (i % VRRP_STATS_PER_LINE == 0)
			vrrp_print_fp(any, "\n       ");
		vrrp_print_fp(any, " %s", s->text);
		if (r->stats_present & (1ULL << s->attr))
			vrrp_print_u64(any, s->json, " %llu",
				       r->stats[s->attr]);
		else
			vrrp_print_null(any, s->json, " %s", "-");
	}
	vrrp_close_object();
	vrrp_print_nl(any);
}

/**
 * vrrp_router_print() - print one router, as text or as a JSON object
 * @ctx: -d and -s select what text shows; JSON shows everything
 * @r: the router
 * @event: "state", "change" or "del" first in the JSON object, or NULL
 * @timestamp: a "timestamp" member after @event, or NULL
 *
 * Between vrrp_print_start() and vrrp_print_end().
 */
void vrrp_router_print(const struct vrrp_ctx *ctx,
		       const struct vrrp_router_info *r, const char *event,
		       const char *timestamp)
{
	vrrp_open_object(NULL);
	if (event)
		vrrp_print_string(VRRP_PRINT_JSON, "event", NULL, event);
	if (timestamp)
		vrrp_print_string(VRRP_PRINT_JSON, "timestamp", NULL,
				  timestamp);
	vrrp_print_head(r);
	vrrp_print_details(ctx, r);
	vrrp_print_members(ctx, r);
	vrrp_print_ra(ctx, r);
	vrrp_print_stats(ctx, r);
	vrrp_close_object();
}

/**
 * vrrp_show_print() - print the routers of a show, as text or JSON
 * @ctx: global options (-j, -p, -s, -d)
 * @list: the routers
 */
void vrrp_show_print(const struct vrrp_ctx *ctx,
		     const struct vrrp_router_list *list)
{
	size_t i;

	vrrp_print_start(ctx->json, ctx->pretty);
	vrrp_open_array(NULL);
	for (i = 0; i < list->n; i++)
		vrrp_router_print(ctx, &list->r[i], NULL, NULL);
	vrrp_close_array();
	vrrp_print_end();
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
	/* -check: the command was read and checked; nothing is sent. */
	if (ctx->check)
		return VRRP_EXIT_OK;
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
