// SPDX-License-Identifier: GPL-2.0
/*
 * show-test: print routers as "vrrpctl show" and "monitor -j" would, from
 * messages built here as the kernel builds its replies, so that the
 * output of show.c can be compared with golden files on a host without
 * the module (tests/show.sh).
 *
 *	show-test [-j] [-p] [-s] [-d]	a show of every router below
 *	show-test -m			monitor -j lines, one per router
 *	show-test -P [-n NETNS]		"vrrpctl [-n NETNS] metrics"
 *	show-test -S			"vrrpctl save"
 *	show-test -A FILE [-D DEV]	"vrrpctl -check apply [dev DEV] FILE"
 *
 * save and apply see the routers a kernel of today sends (all but the
 * last), on the interfaces of vrrp_test_ifs[].
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/vrrp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "../conf.h"
#include "../metrics.h"
#include "../print.h"
#include "../show.h"
#include "../spec-gen.h"
#include "../util.h"

/* Any family id will do: the parser does not look at it. */
#define VRRP_TEST_FAMILY_ID	0x20

static void vrrp_test_fail(const char *what)
{
	fprintf(stderr, "show-test: %s\n", what);
	exit(1);
}

static struct nl_msg *vrrp_test_msg(__u8 cmd)
{
	struct nl_msg *msg = nlmsg_alloc_size(16384);

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ,
				 VRRP_TEST_FAMILY_ID, 0, 0, cmd, 1))
		vrrp_test_fail("cannot build a message");
	return msg;
}

static void vrrp_test_addr(struct nl_msg *msg, int type, const char *s,
			   int plen)
{
	unsigned char a[16];
	struct nlattr *nest;

	nest = nla_nest_start(msg, type);
	if (inet_pton(AF_INET, s, a) == 1)
		nla_put(msg, VRRP_A_VIP_ADDR4, 4, a);
	else if (inet_pton(AF_INET6, s, a) == 1)
		nla_put(msg, VRRP_A_VIP_ADDR6, 16, a);
	else
		vrrp_test_fail(s);
	if (plen >= 0)
		nla_put_u8(msg, VRRP_A_VIP_PREFIXLEN, plen);
	nla_nest_end(msg, nest);
}

static void vrrp_test_track(struct nl_msg *msg, unsigned int ifindex,
			    const char *ifname, const char *check,
			    __u8 weight, __u8 up)
{
	struct nlattr *nest = nla_nest_start(msg, VRRP_A_ROUTER_TRACK);

	if (ifindex)
		nla_put_u32(msg, VRRP_A_TRACK_IFINDEX, ifindex);
	if (ifname)
		nla_put_string(msg, VRRP_A_TRACK_IFNAME, ifname);
	if (check)
		nla_put_string(msg, VRRP_A_TRACK_NAME, check);
	nla_put_u8(msg, VRRP_A_TRACK_WEIGHT, weight);
	nla_put_u8(msg, VRRP_A_TRACK_UP, up);
	nla_nest_end(msg, nest);
}

/* A health check with a lifetime; -1 leaves an attribute out. */
static void vrrp_test_check(struct nl_msg *msg, const char *name, __u8 weight,
			    __u8 up, long ttl, long left, int expired)
{
	struct nlattr *nest = nla_nest_start(msg, VRRP_A_ROUTER_TRACK);

	nla_put_string(msg, VRRP_A_TRACK_NAME, name);
	if (ttl >= 0)
		nla_put_u32(msg, VRRP_A_TRACK_TTL, ttl);
	if (left >= 0)
		nla_put_u32(msg, VRRP_A_TRACK_TTL_LEFT, left);
	if (expired >= 0)
		nla_put_u8(msg, VRRP_A_TRACK_EXPIRED, expired);
	nla_put_u8(msg, VRRP_A_TRACK_WEIGHT, weight);
	nla_put_u8(msg, VRRP_A_TRACK_UP, up);
	nla_nest_end(msg, nest);
}

static void vrrp_test_ra_prefix(struct nl_msg *msg, const char *s, __u8 plen,
				__u8 onlink, __u8 autonomous, __u32 valid,
				__u32 preferred)
{
	struct nlattr *nest = nla_nest_start(msg, VRRP_A_ROUTER_RA_PREFIX);
	unsigned char a[16];

	if (inet_pton(AF_INET6, s, a) != 1)
		vrrp_test_fail(s);
	nla_put(msg, VRRP_A_RA_PREFIX_PREFIX, 16, a);
	nla_put_u8(msg, VRRP_A_RA_PREFIX_PREFIXLEN, plen);
	nla_put_u8(msg, VRRP_A_RA_PREFIX_ON_LINK, onlink);
	nla_put_u8(msg, VRRP_A_RA_PREFIX_AUTONOMOUS, autonomous);
	nla_put_u32(msg, VRRP_A_RA_PREFIX_VALID_LIFETIME, valid);
	nla_put_u32(msg, VRRP_A_RA_PREFIX_PREFERRED_LIFETIME, preferred);
	nla_nest_end(msg, nest);
}

/* Every counter of the spec, when @every; else every third one. */
static void vrrp_test_stats(struct nl_msg *msg, __u64 base, bool every)
{
	struct nlattr *nest = nla_nest_start(msg, VRRP_A_ROUTER_STATS);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vrrp_stat_names); i++)
		if (every || i % 3 == 0)
			nla_put_u64(msg, vrrp_stat_names[i].attr, base + i);
	nla_nest_end(msg, nest);
}

static void vrrp_test_common(struct nl_msg *msg, unsigned int ifindex,
			     const char *ifname, __u8 vrid, __u8 family)
{
	nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, ifindex);
	nla_put_string(msg, VRRP_A_ROUTER_IFNAME, ifname);
	nla_put_u8(msg, VRRP_A_ROUTER_VRID, vrid);
	nla_put_u8(msg, VRRP_A_ROUTER_FAMILY, family);
}

static void vrrp_test_timers(struct nl_msg *msg, __u8 version, __u8 prio,
			     __u32 interval)
{
	nla_put_u8(msg, VRRP_A_ROUTER_VERSION, version);
	nla_put_u8(msg, VRRP_A_ROUTER_PRIORITY, prio);
	nla_put_u32(msg, VRRP_A_ROUTER_INTERVAL, interval);
	nla_put_u32(msg, VRRP_A_ROUTER_ACTIVE_INTERVAL, interval);
	nla_put_u32(msg, VRRP_A_ROUTER_SKEW_TIME,
		    (256 - prio) * interval * 1000 / 256);
	nla_put_u32(msg, VRRP_A_ROUTER_ACTIVE_DOWN_INTERVAL,
		    3 * interval * 1000 + (256 - prio) * interval * 1000 / 256);
}

/* IPv4, Active, everything: tracks, checks, group, peers, all counters. */
static struct nl_msg *vrrp_test_inet_active(void)
{
	static const unsigned char vmac[6] = { 0, 0, 0x5e, 0, 1, 10 };
	struct nl_msg *msg = vrrp_test_msg(VRRP_CMD_GET);
	__u32 a;

	vrrp_test_common(msg, 2, "eth0", 10, VRRP_FAMILY_INET);
	vrrp_test_timers(msg, 3, 200, 100);
	nla_put_u8(msg, VRRP_A_ROUTER_PREEMPT, 1);
	nla_put_u32(msg, VRRP_A_ROUTER_PREEMPT_DELAY, 1500);
	nla_put_u8(msg, VRRP_A_ROUTER_ACCEPT, 1);
	nla_put_u8(msg, VRRP_A_ROUTER_V2_COMPAT, 1);
	nla_put_u8(msg, VRRP_A_ROUTER_CHECKSUM, VRRP_CHECKSUM_PLAIN);
	nla_put_u8(msg, VRRP_A_ROUTER_FORWARD, VRRP_FORWARD_ANY);
	nla_put_u8(msg, VRRP_A_ROUTER_MODE, VRRP_MODE_VRRP);
	nla_put_u8(msg, VRRP_A_ROUTER_GARP_COUNT, 5);
	nla_put_u32(msg, VRRP_A_ROUTER_GARP_SPACING, 10);
	nla_put_u32(msg, VRRP_A_ROUTER_GARP_REPEAT_DELAY, 2000);
	nla_put_u32(msg, VRRP_A_ROUTER_GARP_REFRESH, 60000);
	nla_put_u8(msg, VRRP_A_ROUTER_STATE, VRRP_STATE_ACTIVE);
	nla_put_u8(msg, VRRP_A_ROUTER_OLD_STATE, VRRP_STATE_BACKUP);
	nla_put_u8(msg, VRRP_A_ROUTER_REASON, VRRP_REASON_ACTIVE_DOWN);
	inet_pton(AF_INET, "192.0.2.2", &a);
	nla_put_u32(msg, VRRP_A_ROUTER_ACTIVE_ADDR4, a);
	nla_put(msg, VRRP_A_ROUTER_VMAC, sizeof(vmac), vmac);
	vrrp_test_addr(msg, VRRP_A_ROUTER_VIP, "192.0.2.1", 24);
	vrrp_test_addr(msg, VRRP_A_ROUTER_VIP, "198.51.100.1", 32);
	vrrp_test_addr(msg, VRRP_A_ROUTER_PEER, "192.0.2.3", -1);
	vrrp_test_addr(msg, VRRP_A_ROUTER_PEER, "192.0.2.4", -1);
	nla_put_u8(msg, VRRP_A_ROUTER_EFFECTIVE_PRIORITY, 80);
	nla_put_u8(msg, VRRP_A_ROUTER_FAULT, 0);
	nla_put_u32(msg, VRRP_A_ROUTER_TRACK_DELAY_UP, 500);
	nla_put_u32(msg, VRRP_A_ROUTER_TRACK_DELAY_DOWN, 2000);
	nla_put_string(msg, VRRP_A_ROUTER_GROUP, "fw");
	vrrp_test_track(msg, 3, "eth1", NULL, 120, 0);
	vrrp_test_track(msg, 0, NULL, "web", 0, 1);
	vrrp_test_track(msg, 7, NULL, NULL, 10, 1);
	/* Lifetimes: running, expired, and one from the report alone. */
	vrrp_test_check(msg, "db", 50, 1, 3000, 1200, 0);
	vrrp_test_check(msg, "dns", 0, 0, 5000, -1, 1);
	vrrp_test_check(msg, "cron", 20, 1, -1, 900, 0);
	vrrp_test_stats(msg, 1000, true);
	return msg;
}

/* IPv6, Backup, RA on with prefixes, some counters, IPv6 peers. */
static struct nl_msg *vrrp_test_inet6_ra(void)
{
	static const unsigned char vmac[6] = { 0, 0, 0x5e, 0, 2, 20 };
	struct nl_msg *msg = vrrp_test_msg(VRRP_CMD_GET);
	unsigned char a[16];

	vrrp_test_common(msg, 3, "eth1", 20, VRRP_FAMILY_INET6);
	vrrp_test_timers(msg, 3, 100, 1000);
	nla_put_u8(msg, VRRP_A_ROUTER_PREEMPT, 0);
	nla_put_u32(msg, VRRP_A_ROUTER_PREEMPT_DELAY, 0);
	nla_put_u8(msg, VRRP_A_ROUTER_ACCEPT, 0);
	nla_put_u8(msg, VRRP_A_ROUTER_V2_COMPAT, 0);
	nla_put_u8(msg, VRRP_A_ROUTER_CHECKSUM, VRRP_CHECKSUM_PSEUDO);
	nla_put_u8(msg, VRRP_A_ROUTER_FORWARD, VRRP_FORWARD_ACTIVE);
	nla_put_u8(msg, VRRP_A_ROUTER_MODE, VRRP_MODE_VRRP);
	nla_put_u8(msg, VRRP_A_ROUTER_GARP_COUNT, 1);
	nla_put_u32(msg, VRRP_A_ROUTER_GARP_SPACING, 0);
	nla_put_u32(msg, VRRP_A_ROUTER_GARP_REPEAT_DELAY, 0);
	nla_put_u32(msg, VRRP_A_ROUTER_GARP_REFRESH, 0);
	nla_put_u8(msg, VRRP_A_ROUTER_STATE, VRRP_STATE_BACKUP);
	nla_put_u8(msg, VRRP_A_ROUTER_OLD_STATE, VRRP_STATE_INIT);
	nla_put_u8(msg, VRRP_A_ROUTER_REASON, VRRP_REASON_STARTUP);
	inet_pton(AF_INET6, "fe80::2", a);
	nla_put(msg, VRRP_A_ROUTER_ACTIVE_ADDR6, 16, a);
	nla_put(msg, VRRP_A_ROUTER_VMAC, sizeof(vmac), vmac);
	vrrp_test_addr(msg, VRRP_A_ROUTER_VIP, "fe80::1", -1);
	vrrp_test_addr(msg, VRRP_A_ROUTER_VIP, "2001:db8::1", 64);
	vrrp_test_addr(msg, VRRP_A_ROUTER_PEER, "fe80::3", -1);
	nla_put_u8(msg, VRRP_A_ROUTER_EFFECTIVE_PRIORITY, 100);
	nla_put_u8(msg, VRRP_A_ROUTER_FAULT, 0);
	nla_put_u32(msg, VRRP_A_ROUTER_TRACK_DELAY_UP, 0);
	nla_put_u32(msg, VRRP_A_ROUTER_TRACK_DELAY_DOWN, 0);
	nla_put_u8(msg, VRRP_A_ROUTER_RA, 1);
	nla_put_u32(msg, VRRP_A_ROUTER_RA_INTERVAL, 600000);
	nla_put_u16(msg, VRRP_A_ROUTER_RA_LIFETIME, 1800);
	nla_put_u32(msg, VRRP_A_ROUTER_RA_MTU, 1500);
	vrrp_test_ra_prefix(msg, "2001:db8::", 64, 1, 1, 2592000, 604800);
	vrrp_test_ra_prefix(msg, "2001:db8:1::", 48, 0, 1, 86400, 0);
	vrrp_test_stats(msg, 7, false);
	return msg;
}

/*
 * IPv6 with RA off (the RA line only with -d): an anycast gateway, with
 * a MAC of its own.
 */
static struct nl_msg *vrrp_test_inet6_ra_off(void)
{
	static const unsigned char vmac[6] = { 0x02, 0, 0x5e, 0x10, 0, 1 };
	struct nl_msg *msg = vrrp_test_msg(VRRP_CMD_GET);

	vrrp_test_common(msg, 3, "eth1", 21, VRRP_FAMILY_INET6);
	vrrp_test_timers(msg, 3, 100, 50);
	nla_put_u8(msg, VRRP_A_ROUTER_MODE, VRRP_MODE_ANYCAST);
	nla_put_u8(msg, VRRP_A_ROUTER_PREEMPT, 1);
	nla_put_u8(msg, VRRP_A_ROUTER_STATE, VRRP_STATE_ACTIVE);
	nla_put_u8(msg, VRRP_A_ROUTER_OLD_STATE, VRRP_STATE_INIT);
	nla_put_u8(msg, VRRP_A_ROUTER_REASON, VRRP_REASON_ANYCAST);
	nla_put(msg, VRRP_A_ROUTER_VMAC, sizeof(vmac), vmac);
	vrrp_test_addr(msg, VRRP_A_ROUTER_VIP, "fe80::1:1", 64);
	nla_put_u8(msg, VRRP_A_ROUTER_RA, 0);
	nla_put_u32(msg, VRRP_A_ROUTER_RA_INTERVAL, 600000);
	nla_put_u16(msg, VRRP_A_ROUTER_RA_LIFETIME, 0);
	nla_put_u32(msg, VRRP_A_ROUTER_RA_MTU, 0);
	vrrp_test_stats(msg, 0, true);
	return msg;
}

/* VRRPv2, Initialize with no address, a fault, a group to escape. */
static struct nl_msg *vrrp_test_inet_init(void)
{
	static const unsigned char vmac[6] = { 0, 0, 0x5e, 0, 1, 255 };
	struct nl_msg *msg = vrrp_test_msg(VRRP_CMD_GET);

	vrrp_test_common(msg, 4, "br-lan", 255, VRRP_FAMILY_INET);
	vrrp_test_timers(msg, 2, 1, 3000);
	nla_put_u8(msg, VRRP_A_ROUTER_PREEMPT, 1);
	nla_put_u8(msg, VRRP_A_ROUTER_STATE, VRRP_STATE_INIT);
	nla_put_u8(msg, VRRP_A_ROUTER_OLD_STATE, VRRP_STATE_ACTIVE);
	nla_put_u8(msg, VRRP_A_ROUTER_REASON, VRRP_REASON_NO_ADDRESS);
	nla_put(msg, VRRP_A_ROUTER_VMAC, sizeof(vmac), vmac);
	vrrp_test_addr(msg, VRRP_A_ROUTER_VIP, "203.0.113.7", 24);
	nla_put_u8(msg, VRRP_A_ROUTER_EFFECTIVE_PRIORITY, 1);
	nla_put_u8(msg, VRRP_A_ROUTER_FAULT, 1);
	nla_put_string(msg, VRRP_A_ROUTER_GROUP, "a\"b\\c");
	vrrp_test_track(msg, 0, "wan0", NULL, 0, 0);	/* absent */
	return msg;
}

/*
 * Most attributes missing, as from an older or a newer kernel: no name,
 * family, version, VMAC, counters; an unknown state and reason.
 */
static struct nl_msg *vrrp_test_sparse(void)
{
	struct nl_msg *msg = vrrp_test_msg(VRRP_CMD_GET);

	nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, 0);
	nla_put_u8(msg, VRRP_A_ROUTER_VRID, 42);
	nla_put_u8(msg, VRRP_A_ROUTER_STATE, 7);
	nla_put_u8(msg, VRRP_A_ROUTER_REASON, 99);
	return msg;
}

static struct nl_msg *(*const vrrp_tests[])(void) = {
	vrrp_test_inet_active,
	vrrp_test_inet6_ra,
	vrrp_test_inet6_ra_off,
	vrrp_test_inet_init,
	vrrp_test_sparse,
};

static const char * const vrrp_test_events[] = {
	"state", "change", "del", "state", "change",
};

/*
 * The interfaces of the namespace apply sees. "if7" is what show calls
 * the tracked interface of index 7, which has no name in its reply.
 */
static const struct {
	const char *name;
	unsigned int ifindex;
} vrrp_test_ifs[] = {
	{ "eth0", 2 }, { "eth1", 3 }, { "br-lan", 4 }, { "wan0", 5 },
	{ "eth2", 6 }, { "if7", 7 },
};

/* vrrp_ifindex_fn for the routers above. */
static int vrrp_test_ifindex(const char *name, unsigned int *ifindex)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vrrp_test_ifs); i++) {
		if (!strcmp(vrrp_test_ifs[i].name, name)) {
			*ifindex = vrrp_test_ifs[i].ifindex;
			return 0;
		}
	}
	return -ENODEV;
}

/* "vrrpctl save" of the routers of today. */
static int vrrp_test_save(struct vrrp_router_list *list)
{
	int ret = 0;
	size_t i;

	for (i = 0; i + 1 < list->n; i++) {
		vrrp_conf_defaults(&list->r[i]);
		if (vrrp_conf_print_add(stdout, &list->r[i]))
			ret = 1;
		putchar('\n');
	}
	return ret;
}

/* "vrrpctl -check apply [dev DEV] FILE" against the routers of today. */
static int vrrp_test_apply(struct vrrp_router_list *list, const char *file,
			   const char *dev)
{
	struct vrrp_conf conf = { .file = file };
	struct vrrp_plan plan = { 0 };
	int ret = 1;
	FILE *f;

	f = fopen(file, "r");
	if (!f)
		vrrp_test_fail(file);
	vrrp_router_info_clear(&list->r[--list->n]);
	if (!vrrp_conf_read(&conf, f) &&
	    !vrrp_plan_make(&plan, &conf, list, dev, vrrp_test_ifindex)) {
		vrrp_plan_print(stdout, &plan);
		ret = 0;
	}
	vrrp_plan_free(&plan);
	vrrp_conf_free(&conf);
	fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	struct vrrp_router_list list = { 0 };
	struct vrrp_net_stats ns = { 0 };
	struct vrrp_ctx ctx = { 0 };
	const char *apply = NULL, *dev = NULL;
	bool monitor = false;
	bool prom = false;
	bool save = false;
	int ret = 0;
	struct nl_msg *msg;
	unsigned int i;
	int a;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "-j"))
			ctx.json = true;
		else if (!strcmp(argv[a], "-p"))
			ctx.pretty = true;
		else if (!strcmp(argv[a], "-s"))
			ctx.stats = true;
		else if (!strcmp(argv[a], "-d"))
			ctx.details = true;
		else if (!strcmp(argv[a], "-m"))
			monitor = true;
		else if (!strcmp(argv[a], "-P"))
			prom = true;
		else if (!strcmp(argv[a], "-n") && a + 1 < argc)
			ctx.netns = argv[++a];
		else if (!strcmp(argv[a], "-S"))
			save = true;
		else if (!strcmp(argv[a], "-A") && a + 1 < argc)
			apply = argv[++a];
		else if (!strcmp(argv[a], "-D") && a + 1 < argc)
			dev = argv[++a];
		else
			vrrp_test_fail("usage: show-test [-j] [-p] [-s] [-d] [-m] [-P [-n NETNS]] [-S] [-A FILE [-D DEV]]");
	}
	ctx.json |= ctx.pretty;

	list.size = ARRAY_SIZE(vrrp_tests);
	list.r = calloc(list.size, sizeof(*list.r));
	if (!list.r)
		vrrp_test_fail("out of memory");
	for (i = 0; i < ARRAY_SIZE(vrrp_tests); i++) {
		msg = vrrp_tests[i]();
		if (vrrp_router_parse(&list.r[i], nlmsg_hdr(msg)))
			vrrp_test_fail("cannot parse a message");
		list.n++;
		nlmsg_free(msg);
	}

	if (save) {
		ret = vrrp_test_save(&list);
	} else if (apply) {
		ret = vrrp_test_apply(&list, apply, dev);
	} else if (prom) {
		/* The namespace counters: one of them missing. */
		ns.got = true;
		ns.v[VRRP_A_NET_STATS_VRID_ERRORS] = 12;
		ns.present = 1ULL << VRRP_A_NET_STATS_VRID_ERRORS;
		vrrp_metrics_print(stdout, ctx.netns, &list, &ns);
	} else if (!monitor) {
		vrrp_show_print(&ctx, &list);
	} else {
		for (i = 0; i < list.n; i++) {
			vrrp_print_start(true, false);
			vrrp_router_print(&ctx, &list.r[i],
					  vrrp_test_events[i],
					  i % 2 ? NULL :
					  "2026-12-05T02:30:00.000001Z");
			vrrp_print_end();
		}
	}
	vrrp_router_list_free(&list);
	return ret;
}
