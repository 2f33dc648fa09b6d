// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl show": list virtual routers as text or JSON.
 *
 * Replies are collected first and printed once the request has ended, so
 * that a failed or interrupted dump never leaves half a JSON document.
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
#include "util.h"

#define VRRP_SHOW_DUMP_TRIES	5
#define VRRP_VMAC_LEN		6
/* "address/prefixlen" */
#define VRRP_VIP_STRLEN		(INET6_ADDRSTRLEN + 16)

/**
 * struct vrrp_vip_info - one virtual address from a reply
 * @family: AF_INET or AF_INET6
 * @addr: the address, network order
 * @plen: prefix length, or -1 when not given
 */
struct vrrp_vip_info {
	int family;
	unsigned char addr[16];
	int plen;
};

/**
 * struct vrrp_router_info - one virtual router from a reply
 * @present: bit (1 << VRRP_A_ROUTER_*) for each attribute received
 * @ifindex: interface index
 * @ifname: interface name
 * @vrid: Virtual Router Identifier
 * @version: VRRP version
 * @priority: priority
 * @preempt: preempt mode, 0 or 1
 * @state: enum vrrp_state
 * @interval: configured advertisement interval, ms
 * @active_interval: interval in force, ms
 * @skew_time: Skew_Time, us
 * @active_down_interval: Active_Down_Interval, us
 * @active_addr4: address of the Active router, network order
 * @vmac: virtual MAC address
 * @nvips: number of entries in @vips
 * @vips: virtual addresses
 * @stats_present: bit (1 << VRRP_A_STATS_*) for each counter received
 * @stats: counters, indexed by VRRP_A_STATS_*
 */
struct vrrp_router_info {
	__u32 present;
	__u32 ifindex;
	char ifname[IF_NAMESIZE];
	__u8 vrid;
	__u8 version;
	__u8 priority;
	__u8 preempt;
	__u8 state;
	__u32 interval;
	__u32 active_interval;
	__u32 skew_time;
	__u32 active_down_interval;
	__u32 active_addr4;
	__u8 vmac[VRRP_VMAC_LEN];
	unsigned int nvips;
	struct vrrp_vip_info *vips;
	__u32 stats_present;
	__u64 stats[VRRP_A_STATS_MAX + 1];
};

/**
 * struct vrrp_router_list - the replies of one request
 * @r: the routers
 * @n: number of routers in @r
 * @size: allocated entries of @r
 */
struct vrrp_router_list {
	struct vrrp_router_info *r;
	size_t n;
	size_t size;
};

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
};

static const struct nla_policy vrrp_vip_policy[VRRP_A_VIP_MAX + 1] = {
	[VRRP_A_VIP_ADDR4] = { .type = NLA_U32 },
	[VRRP_A_VIP_ADDR6] = { .minlen = 16 },
	[VRRP_A_VIP_PREFIXLEN] = { .type = NLA_U8 },
};

static const struct nla_policy vrrp_stats_policy[VRRP_A_STATS_MAX + 1] = {
	[VRRP_A_STATS_ACTIVE_TRANSITIONS] = { .type = NLA_U64 },
	[VRRP_A_STATS_RCVD_ADVERTISEMENTS] = { .type = NLA_U64 },
	[VRRP_A_STATS_SENT_ADVERTISEMENTS] = { .type = NLA_U64 },
	[VRRP_A_STATS_ADV_INTERVAL_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_IP_TTL_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_RCVD_PRI_ZERO] = { .type = NLA_U64 },
	[VRRP_A_STATS_SENT_PRI_ZERO] = { .type = NLA_U64 },
	[VRRP_A_STATS_RCVD_INVALID_TYPE] = { .type = NLA_U64 },
	[VRRP_A_STATS_ADDRESS_LIST_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_PACKET_LENGTH_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_CHECKSUM_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_VERSION_ERRORS] = { .type = NLA_U64 },
	[VRRP_A_STATS_CSUM_PSEUDO] = { .type = NLA_U64 },
	[VRRP_A_STATS_CSUM_PLAIN] = { .type = NLA_U64 },
};

/**
 * struct vrrp_stat_name - how one counter is printed
 * @attr: VRRP_A_STATS_*
 * @text: name in text output (the spec's)
 * @json: key in JSON output
 * @eol: end the text line after this counter
 */
struct vrrp_stat_name {
	int attr;
	const char *text;
	const char *json;
	bool eol;
};

static const struct vrrp_stat_name vrrp_stat_names[] = {
	{ VRRP_A_STATS_ACTIVE_TRANSITIONS, "active-transitions",
	  "active_transitions", false },
	{ VRRP_A_STATS_RCVD_ADVERTISEMENTS, "rcvd-advertisements",
	  "rcvd_advertisements", false },
	{ VRRP_A_STATS_SENT_ADVERTISEMENTS, "sent-advertisements",
	  "sent_advertisements", true },
	{ VRRP_A_STATS_ADV_INTERVAL_ERRORS, "adv-interval-errors",
	  "adv_interval_errors", false },
	{ VRRP_A_STATS_IP_TTL_ERRORS, "ip-ttl-errors", "ip_ttl_errors", false },
	{ VRRP_A_STATS_RCVD_PRI_ZERO, "rcvd-pri-zero", "rcvd_pri_zero", false },
	{ VRRP_A_STATS_SENT_PRI_ZERO, "sent-pri-zero", "sent_pri_zero", true },
	{ VRRP_A_STATS_RCVD_INVALID_TYPE, "rcvd-invalid-type",
	  "rcvd_invalid_type", false },
	{ VRRP_A_STATS_ADDRESS_LIST_ERRORS, "address-list-errors",
	  "address_list_errors", false },
	{ VRRP_A_STATS_PACKET_LENGTH_ERRORS, "packet-length-errors",
	  "packet_length_errors", true },
	{ VRRP_A_STATS_CHECKSUM_ERRORS, "checksum-errors", "checksum_errors",
	  false },
	{ VRRP_A_STATS_VERSION_ERRORS, "version-errors", "version_errors",
	  false },
	{ VRRP_A_STATS_CSUM_PSEUDO, "csum-pseudo", "csum_pseudo", false },
	{ VRRP_A_STATS_CSUM_PLAIN, "csum-plain", "csum_plain", true },
};

#define VRRP_HAS(r, a)	((r)->present & (1U << (a)))

/**
 * vrrp_usage_show() - print the synopsis of "show"
 * @f: stream
 */
void vrrp_usage_show(FILE *f)
{
	fprintf(f,
		"Usage: vrrpctl [-s] [-d] [-j [-p]] show [[dev] DEV] [vrid VRID]\n");
}

static const char *vrrp_state_name(__u8 state)
{
	switch (state) {
	case VRRP_STATE_INIT:
		return "init";
	case VRRP_STATE_BACKUP:
		return "backup";
	case VRRP_STATE_ACTIVE:
		return "active";
	}
	return "unknown";
}

static void vrrp_router_info_free(struct vrrp_router_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->r[i].vips);
	free(list->r);
	memset(list, 0, sizeof(*list));
}

static int vrrp_parse_vips(struct vrrp_router_info *r, struct nlattr *attrs,
			   int len)
{
	struct nlattr *tb[VRRP_A_VIP_MAX + 1];
	struct vrrp_vip_info *vip;
	unsigned int n = 0;
	struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, attrs, len, rem)
		if (nla_type(nla) == VRRP_A_ROUTER_VIP)
			n++;
	if (!n)
		return 0;
	r->vips = calloc(n, sizeof(*r->vips));
	if (!r->vips)
		return -ENOMEM;

	nla_for_each_attr(nla, attrs, len, rem) {
		if (nla_type(nla) != VRRP_A_ROUTER_VIP)
			continue;
		if (nla_parse_nested(tb, VRRP_A_VIP_MAX, nla,
				     vrrp_vip_policy) < 0)
			return -EBADMSG;
		vip = &r->vips[r->nvips];
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
		r->nvips++;
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
		r->stats_present |= 1U << i;
	}
	return 0;
}

/* Fill @r from the attributes of one reply. */
static int vrrp_parse_router(struct vrrp_router_info *r, struct nlmsghdr *nlh)
{
	struct nlattr *tb[VRRP_A_ROUTER_MAX + 1];
	int i, ret;

	if (genlmsg_parse(nlh, 0, tb, VRRP_A_ROUTER_MAX,
			  vrrp_router_policy) < 0)
		return -EBADMSG;
	for (i = 1; i <= VRRP_A_ROUTER_MAX; i++)
		if (tb[i])
			r->present |= 1U << i;

	if (tb[VRRP_A_ROUTER_IFINDEX])
		r->ifindex = nla_get_u32(tb[VRRP_A_ROUTER_IFINDEX]);
	if (tb[VRRP_A_ROUTER_IFNAME])
		nla_strlcpy(r->ifname, tb[VRRP_A_ROUTER_IFNAME],
			    sizeof(r->ifname));
	else if (!r->ifindex || !if_indextoname(r->ifindex, r->ifname))
		snprintf(r->ifname, sizeof(r->ifname), "if%u", r->ifindex);
	if (tb[VRRP_A_ROUTER_VRID])
		r->vrid = nla_get_u8(tb[VRRP_A_ROUTER_VRID]);
	if (tb[VRRP_A_ROUTER_VERSION])
		r->version = nla_get_u8(tb[VRRP_A_ROUTER_VERSION]);
	if (tb[VRRP_A_ROUTER_PRIORITY])
		r->priority = nla_get_u8(tb[VRRP_A_ROUTER_PRIORITY]);
	if (tb[VRRP_A_ROUTER_PREEMPT])
		r->preempt = nla_get_u8(tb[VRRP_A_ROUTER_PREEMPT]);
	if (tb[VRRP_A_ROUTER_STATE])
		r->state = nla_get_u8(tb[VRRP_A_ROUTER_STATE]);
	if (tb[VRRP_A_ROUTER_INTERVAL])
		r->interval = nla_get_u32(tb[VRRP_A_ROUTER_INTERVAL]);
	if (tb[VRRP_A_ROUTER_ACTIVE_INTERVAL])
		r->active_interval =
			nla_get_u32(tb[VRRP_A_ROUTER_ACTIVE_INTERVAL]);
	if (tb[VRRP_A_ROUTER_SKEW_TIME])
		r->skew_time = nla_get_u32(tb[VRRP_A_ROUTER_SKEW_TIME]);
	if (tb[VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL])
		r->active_down_interval =
			nla_get_u32(tb[VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL]);
	if (tb[VRRP_A_ROUTER_ACTIVE_ADDR4])
		r->active_addr4 = nla_get_u32(tb[VRRP_A_ROUTER_ACTIVE_ADDR4]);
	if (tb[VRRP_A_ROUTER_VMAC])
		memcpy(r->vmac, nla_data(tb[VRRP_A_ROUTER_VMAC]),
		       VRRP_VMAC_LEN);
	if (tb[VRRP_A_ROUTER_STATS]) {
		ret = vrrp_parse_stats(r, tb[VRRP_A_ROUTER_STATS]);
		if (ret)
			return ret;
	}
	return vrrp_parse_vips(r, genlmsg_attrdata(nlmsg_data(nlh), 0),
			       genlmsg_attrlen(nlmsg_data(nlh), 0));
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
	ret = vrrp_parse_router(r, nlmsg_hdr(msg));
	if (ret) {
		free(r->vips);
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

static void vrrp_print_text(const struct vrrp_ctx *ctx,
			    const struct vrrp_router_info *r)
{
	char buf[VRRP_VIP_STRLEN];
	unsigned int i, n;

	printf("%s vrid %u state %s prio %u interval %ums\n", r->ifname,
	       r->vrid, vrrp_state_name(r->state), r->priority, r->interval);

	if (VRRP_HAS(r, VRRP_A_ROUTER_ACTIVE_ADDR4))
		inet_ntop(AF_INET, &r->active_addr4, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "none");
	printf("    active-router %s", buf);
	vrrp_format_mac(r->vmac, buf, sizeof(buf));
	printf(" vmac %s preempt %s\n", buf, r->preempt ? "on" : "off");

	if (ctx->details) {
		printf("    version %u active-interval %ums", r->version,
		       r->active_interval);
		printf(" skew-time %uus active-down-interval %uus\n",
		       r->skew_time, r->active_down_interval);
	}

	for (i = 0; i < r->nvips; i++) {
		vrrp_format_vip(&r->vips[i], buf, sizeof(buf));
		printf("    address %s\n", buf);
	}

	if (!ctx->stats)
		return;
	printf("    stats:");
	n = 0;
	for (i = 0; i < ARRAY_SIZE(vrrp_stat_names); i++) {
		const struct vrrp_stat_name *s = &vrrp_stat_names[i];

		if (!n++)
			printf("\n       ");
		if (r->stats_present & (1U << s->attr))
			printf(" %s %llu", s->text,
			       (unsigned long long)r->stats[s->attr]);
		else
			printf(" %s -", s->text);
		if (s->eol)
			n = 0;
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

static void vrrp_print_json(struct vrrp_json *j,
			    const struct vrrp_router_info *r)
{
	char buf[VRRP_VIP_STRLEN];
	unsigned int i;

	vrrp_json_open_object(j, NULL);
	vrrp_json_string(j, "ifname", r->ifname);
	vrrp_json_attr_u64(j, "ifindex", r, VRRP_A_ROUTER_IFINDEX, r->ifindex);
	vrrp_json_attr_u64(j, "vrid", r, VRRP_A_ROUTER_VRID, r->vrid);
	vrrp_json_string(j, "family", "inet");
	vrrp_json_attr_u64(j, "version", r, VRRP_A_ROUTER_VERSION,
			   r->version);
	vrrp_json_string(j, "state", VRRP_HAS(r, VRRP_A_ROUTER_STATE) ?
			 vrrp_state_name(r->state) : NULL);
	vrrp_json_attr_u64(j, "priority", r, VRRP_A_ROUTER_PRIORITY,
			   r->priority);
	vrrp_json_attr_u64(j, "interval", r, VRRP_A_ROUTER_INTERVAL,
			   r->interval);
	vrrp_json_attr_u64(j, "active_interval", r,
			   VRRP_A_ROUTER_ACTIVE_INTERVAL, r->active_interval);
	if (VRRP_HAS(r, VRRP_A_ROUTER_PREEMPT))
		vrrp_json_bool(j, "preempt", r->preempt);
	else
		vrrp_json_null(j, "preempt");

	if (VRRP_HAS(r, VRRP_A_ROUTER_ACTIVE_ADDR4)) {
		inet_ntop(AF_INET, &r->active_addr4, buf, sizeof(buf));
		vrrp_json_string(j, "active_router", buf);
	} else {
		vrrp_json_null(j, "active_router");
	}
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

	vrrp_json_attr_u64(j, "skew_time_us", r, VRRP_A_ROUTER_SKEW_TIME,
			   r->skew_time);
	vrrp_json_attr_u64(j, "active_down_interval_us", r,
			   VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL,
			   r->active_down_interval);

	vrrp_json_open_object(j, "stats");
	for (i = 0; i < ARRAY_SIZE(vrrp_stat_names); i++) {
		const struct vrrp_stat_name *s = &vrrp_stat_names[i];

		if (r->stats_present & (1U << s->attr))
			vrrp_json_u64(j, s->json, r->stats[s->attr]);
		else
			vrrp_json_null(j, s->json);
	}
	vrrp_json_close_object(j);
	vrrp_json_close_object(j);
}

static void vrrp_show_print(const struct vrrp_ctx *ctx,
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
		vrrp_print_json(&j, &list->r[i]);
	vrrp_json_close_array(&j);
	vrrp_json_end(&j);
}

enum {
	VRRP_SHOW_KW_DEV,
	VRRP_SHOW_KW_VRID,
};

static const struct vrrp_kw vrrp_show_kws[] = {
	{ "dev", VRRP_SHOW_KW_DEV },
	{ "vrid", VRRP_SHOW_KW_VRID },
	{ NULL, 0 },
};

/*
 * show [[dev] DEV] [vrid VRID]: a first word other than "dev" or "vrid"
 * is the device.
 */
static int vrrp_parse_show(int argc, char **argv, const char **dev,
			   unsigned char *vrid)
{
	const char *val;
	int i = 0, kw;

	if (argc > 0 && strcmp(argv[0], "dev") && strcmp(argv[0], "vrid")) {
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
		if (kw == VRRP_SHOW_KW_DEV) {
			if (vrrp_parse_dev(val, dev))
				return -1;
			continue;
		}
		if (*vrid) {
			vrrp_err("duplicate \"vrid\"");
			return -1;
		}
		if (vrrp_parse_vrid(val, vrid))
			return -1;
	}
	return 0;
}

/* One get (device and VRID given) or one dump; collect into @list. */
static int vrrp_show_request(struct vrrp_nl *nl, unsigned int ifindex,
			     unsigned char vrid, struct vrrp_router_list *list,
			     struct vrrp_nl_err *err)
{
	bool dump = !ifindex || !vrid;
	struct nl_msg *msg;
	int ret = -1;

	msg = vrrp_nl_msg_new(nl, VRRP_CMD_GET, dump ? NLM_F_DUMP : 0);
	if (!msg)
		goto err_nomem;
	if (ifindex && nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, ifindex))
		goto err_nomem;
	if (vrid && nla_put_u8(msg, VRRP_A_ROUTER_VRID, vrid))
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
	struct vrrp_nl nl = { 0 };
	unsigned int ifindex = 0;
	unsigned char vrid = 0;
	struct vrrp_nl_err err;
	const char *dev = NULL;
	char what[64];
	int ret, tries;

	if (vrrp_parse_show(argc, argv, &dev, &vrid))
		return VRRP_EXIT_USAGE;
	if (vrrp_netns_enter(ctx->netns))
		return VRRP_EXIT_FAIL;
	if (dev && vrrp_dev_index(dev, &ifindex))
		return VRRP_EXIT_FAIL;
	if (vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;

	for (tries = 0; tries < VRRP_SHOW_DUMP_TRIES; tries++) {
		ret = vrrp_show_request(&nl, ifindex, vrid, &list, &err);
		if (!ret || !vrrp_nl_err_is_dump_intr(&err))
			break;
		vrrp_router_info_free(&list);
	}
	vrrp_nl_close(&nl);

	if (ret) {
		int len = snprintf(what, sizeof(what), "show");

		if (dev)
			len += snprintf(what + len, sizeof(what) - len,
					" %s", dev);
		if (vrid)
			snprintf(what + len, sizeof(what) - len, " vrid %u",
				 vrid);
		vrrp_nl_perror(what, &err);
		vrrp_router_info_free(&list);
		return VRRP_EXIT_FAIL;
	}
	vrrp_show_print(ctx, &list);
	vrrp_router_info_free(&list);
	return VRRP_EXIT_OK;
}
