// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl metrics": the state, priorities and RFC 6527 counters of every
 * virtual router of the namespace, and the namespace's own counters, in
 * the Prometheus text exposition format (version 0.0.4), for a
 * node_exporter textfile collector or any scraper.
 *
 * The counters' names and HELP texts come from the spec (spec-gen.h):
 * counter NAME is vrrp_NAME_total, a namespace counter
 * vrrp_net_NAME_total. Each router's samples carry the labels device,
 * vrid and family (and netns with -n); the state is one sample per state
 * of the spec, 1 for the one the router is in.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>
#include <linux/vrrp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "metrics.h"
#include "netns.h"
#include "nl.h"
#include "show.h"
#include "spec-gen.h"
#include "util.h"

const struct vrrp_usage vrrp_usage_metrics = {
	.synopsis = "vrrpctl [-n NETNS] metrics\n",
};

static const struct nla_policy vrrp_net_stats_policy[VRRP_A_NET_STATS_MAX + 1] = {
	VRRP_NET_STATS_POLICY
};

#define VRRP_HAS(r, a)	((r)->present & (1ULL << (a)))

/* vrrp_nl_reply_fn for net-stats-get. */
static int vrrp_net_stats_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_ROUTER_MAX + 1];
	struct nlattr *st[VRRP_A_NET_STATS_MAX + 1];
	struct vrrp_net_stats *ns = arg;
	int i;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, VRRP_A_ROUTER_MAX, NULL) < 0 ||
	    !tb[VRRP_A_ROUTER_NET_STATS] ||
	    nla_parse_nested(st, VRRP_A_NET_STATS_MAX,
			     tb[VRRP_A_ROUTER_NET_STATS],
			     vrrp_net_stats_policy) < 0)
		return -EBADMSG;
	for (i = VRRP_A_NET_STATS_PAD + 1; i <= VRRP_A_NET_STATS_MAX; i++) {
		if (!st[i])
			continue;
		ns->v[i] = nla_get_u64(st[i]);
		ns->present |= 1ULL << i;
	}
	ns->got = true;
	return 0;
}

/**
 * vrrp_net_stats_get() - read the counters of the namespace
 * @nl: an open socket
 * @ns: zeroed; filled from the reply
 * @err: why it failed
 *
 * Return: 0, or -1 with @err filled in.
 */
int vrrp_net_stats_get(struct vrrp_nl *nl, struct vrrp_net_stats *ns,
		       struct vrrp_nl_err *err)
{
	struct nl_msg *msg;
	int ret;

	msg = vrrp_nl_msg_new(nl, VRRP_CMD_NET_STATS_GET, 0);
	if (!msg) {
		memset(err, 0, sizeof(*err));
		err->error = -ENOMEM;
		return -1;
	}
	ret = vrrp_nl_run(nl, msg, vrrp_net_stats_reply, ns, err);
	nlmsg_free(msg);
	if (!ret && !ns->got) {
		memset(err, 0, sizeof(*err));
		err->error = -EBADMSG;
		snprintf(err->msg, sizeof(err->msg), "no reply from the kernel");
		ret = -1;
	}
	return ret;
}

/* A label value, escaped as the text format wants. */
static void vrrp_prom_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

static void vrrp_prom_family(FILE *f, const char *name, const char *type,
			     const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* "NAME{netns="...",device="...",vrid="...",family="..."" */
static void vrrp_prom_start(FILE *f, const char *name, const char *netns,
			    const struct vrrp_router_info *r)
{
	const char *sep = "";

	fprintf(f, "%s{", name);
	if (netns) {
		fputs("netns=\"", f);
		vrrp_prom_escape(f, netns);
		fputc('"', f);
		sep = ",";
	}
	if (r) {
		fprintf(f, "%sdevice=\"", sep);
		vrrp_prom_escape(f, r->ifname);
		fprintf(f, "\",vrid=\"%u\",family=\"%s\"", r->vrid,
			vrrp_family_name(r->family));
	}
}

/* A sample with no label of its own. */
static void vrrp_prom_u64(FILE *f, const char *name, const char *netns,
			  const struct vrrp_router_info *r,
			  unsigned long long val)
{
	vrrp_prom_start(f, name, netns, r);
	fprintf(f, "} %llu\n", val);
}

/* Milliseconds as seconds, exactly. */
static void vrrp_prom_ms(FILE *f, const char *name, const char *netns,
			 const struct vrrp_router_info *r,
			 unsigned long long ms)
{
	vrrp_prom_start(f, name, netns, r);
	fprintf(f, "} %llu.%03llu\n", ms / 1000, ms % 1000);
}

static void vrrp_metrics_state(FILE *f, const char *netns,
			       const struct vrrp_router_list *list)
{
	const struct vrrp_router_info *r;
	unsigned int s;
	size_t i;

	vrrp_prom_family(f, "vrrp_router_state", "gauge",
			 "State of the virtual router (RFC 9568 6.4): 1 for the state it is in.");
	for (i = 0; i < list->n; i++) {
		r = &list->r[i];
		if (!VRRP_HAS(r, VRRP_A_ROUTER_STATE))
			continue;
		for (s = 0; s < ARRAY_SIZE(vrrp_state_names); s++) {
			vrrp_prom_start(f, "vrrp_router_state", netns, r);
			fprintf(f, ",state=\"%s\"} %d\n", vrrp_state_name(s),
				r->state == s);
		}
	}

	vrrp_prom_family(f, "vrrp_router_last_transition_info", "gauge",
			 "The state before the last transition and its reason; always 1.");
	for (i = 0; i < list->n; i++) {
		r = &list->r[i];
		if (!VRRP_HAS(r, VRRP_A_ROUTER_OLD_STATE) ||
		    !VRRP_HAS(r, VRRP_A_ROUTER_REASON))
			continue;
		vrrp_prom_start(f, "vrrp_router_last_transition_info", netns,
				r);
		fprintf(f, ",from=\"%s\",reason=\"%s\"} 1\n",
			vrrp_state_name(r->old_state),
			vrrp_reason_name(r->reason));
	}
}

/**
 * struct vrrp_prom_gauge - a gauge of each router, from one attribute
 * @name: metric name
 * @help: its HELP text
 * @attr: VRRP_A_ROUTER_*: no sample when the kernel did not send it
 * @ms: the value is in milliseconds, the metric in seconds
 */
struct vrrp_prom_gauge {
	const char *name;
	const char *help;
	int attr;
	bool ms;
};

static const struct vrrp_prom_gauge vrrp_prom_gauges[] = {
	{ "vrrp_router_priority",
	  "Configured priority, 1 to 255 (255: the address owner).",
	  VRRP_A_ROUTER_PRIORITY, false },
	{ "vrrp_router_effective_priority",
	  "Priority advertised: the configured one less the weights of the tracked objects that are down.",
	  VRRP_A_ROUTER_EFFECTIVE_PRIORITY, false },
	{ "vrrp_router_fault",
	  "1 while a tracked object or a sync group member holds the router in init.",
	  VRRP_A_ROUTER_FAULT, false },
	{ "vrrp_router_version", "VRRP version spoken, 2 or 3.",
	  VRRP_A_ROUTER_VERSION, false },
	{ "vrrp_router_advertisement_interval_seconds",
	  "Configured advertisement interval.",
	  VRRP_A_ROUTER_INTERVAL, true },
	{ "vrrp_router_active_interval_seconds",
	  "Advertisement interval in force (learned from the Active router while Backup).",
	  VRRP_A_ROUTER_ACTIVE_INTERVAL, true },
};

/* The value of a gauge of vrrp_prom_gauges[]. */
static unsigned long long vrrp_gauge_value(const struct vrrp_router_info *r,
					   int attr)
{
	switch (attr) {
	case VRRP_A_ROUTER_PRIORITY:
		return r->priority;
	case VRRP_A_ROUTER_EFFECTIVE_PRIORITY:
		return r->effective_priority;
	case VRRP_A_ROUTER_FAULT:
		return r->fault;
	case VRRP_A_ROUTER_VERSION:
		return r->version;
	case VRRP_A_ROUTER_INTERVAL:
		return r->interval;
	case VRRP_A_ROUTER_ACTIVE_INTERVAL:
		return r->active_interval;
	}
	return 0;
}

static void vrrp_metrics_gauges(FILE *f, const char *netns,
				const struct vrrp_router_list *list)
{
	const struct vrrp_prom_gauge *g;
	const struct vrrp_router_info *r;
	unsigned long long v;
	unsigned int k;
	size_t i;

	for (k = 0; k < ARRAY_SIZE(vrrp_prom_gauges); k++) {
		g = &vrrp_prom_gauges[k];
		vrrp_prom_family(f, g->name, "gauge", g->help);
		for (i = 0; i < list->n; i++) {
			r = &list->r[i];
			if (!VRRP_HAS(r, g->attr))
				continue;
			v = vrrp_gauge_value(r, g->attr);
			if (g->ms)
				vrrp_prom_ms(f, g->name, netns, r, v);
			else
				vrrp_prom_u64(f, g->name, netns, r, v);
		}
	}
}

static void vrrp_metrics_counters(FILE *f, const char *netns,
				  const struct vrrp_router_list *list)
{
	const struct vrrp_router_info *r;
	const struct vrrp_stat_name *s;
	unsigned int k;
	size_t i;

	for (k = 0; k < ARRAY_SIZE(vrrp_stat_names); k++) {
		s = &vrrp_stat_names[k];
		vrrp_prom_family(f, s->metric, s->time_ms ? "gauge" : "counter",
				 s->help);
		for (i = 0; i < list->n; i++) {
			r = &list->r[i];
			if (!(r->stats_present & (1ULL << s->attr)))
				continue;
			if (s->time_ms)
				vrrp_prom_ms(f, s->metric, netns, r,
					     r->stats[s->attr]);
			else
				vrrp_prom_u64(f, s->metric, netns, r,
					      r->stats[s->attr]);
		}
	}
}

/**
 * vrrp_metrics_print() - the Prometheus text exposition of a namespace
 * @f: where to write
 * @netns: the netns label of every sample, or NULL for none
 * @list: the routers
 * @ns: the counters of the namespace, or NULL for none
 *
 * A metric with no sample keeps its HELP and TYPE lines, so that the
 * output always documents every metric.
 */
void vrrp_metrics_print(FILE *f, const char *netns,
			const struct vrrp_router_list *list,
			const struct vrrp_net_stats *ns)
{
	const struct vrrp_stat_name *s;
	unsigned int k;

	vrrp_metrics_state(f, netns, list);
	vrrp_metrics_gauges(f, netns, list);
	vrrp_metrics_counters(f, netns, list);
	for (k = 0; k < ARRAY_SIZE(vrrp_net_stat_names); k++) {
		s = &vrrp_net_stat_names[k];
		vrrp_prom_family(f, s->metric, "counter", s->help);
		if (!ns || !(ns->present & (1ULL << s->attr)))
			continue;
		if (netns) {
			vrrp_prom_start(f, s->metric, netns, NULL);
			fputc('}', f);
		} else {
			fputs(s->metric, f);
		}
		fprintf(f, " %llu\n", (unsigned long long)ns->v[s->attr]);
	}
}

/**
 * vrrp_cmd_metrics() - "vrrpctl metrics"
 * @ctx: global options (-n)
 * @argc: number of words after "metrics"
 * @argv: the words after "metrics"
 *
 * Nothing is printed unless both requests succeed: a scraper gets all
 * or nothing.
 *
 * Return: an exit code.
 */
int vrrp_cmd_metrics(struct vrrp_ctx *ctx, int argc, char **argv)
{
	struct vrrp_router_list list = { 0 };
	struct vrrp_net_stats ns = { 0 };
	struct vrrp_nl nl = { 0 };
	struct vrrp_nl_err err;
	int ret = VRRP_EXIT_FAIL;

	if (argc > 0) {
		vrrp_err("metrics: unknown argument \"%s\"", argv[0]);
		return VRRP_EXIT_USAGE;
	}
	/* -check: the command was read and checked; nothing is sent. */
	if (ctx->check)
		return VRRP_EXIT_OK;
	if (vrrp_netns_enter(ctx->netns) || vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;
	if (vrrp_router_dump(&nl, 0, 0, 0, &list, &err)) {
		vrrp_nl_perror("metrics", &err);
		goto out;
	}
	if (vrrp_net_stats_get(&nl, &ns, &err)) {
		vrrp_nl_perror("metrics", &err);
		goto out;
	}
	vrrp_metrics_print(stdout, ctx->netns, &list, &ns);
	ret = VRRP_EXIT_OK;
out:
	vrrp_router_list_free(&list);
	vrrp_nl_close(&nl);
	return ret;
}
