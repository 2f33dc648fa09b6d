// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl add" and "vrrpctl del": create and delete virtual routers.
 * The whole command line is checked before anything is sent, with the
 * ranges of the spec, so that the kernel sees only well-formed requests.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/types.h>
#include <linux/vrrp.h>
#include <netlink/attr.h>

#include "netns.h"
#include "nl.h"
#include "router.h"
#include "util.h"

enum {
	VRRP_KW_DEV,
	VRRP_KW_VRID,
	VRRP_KW_PRIO,
	VRRP_KW_INTERVAL,
	VRRP_KW_PREEMPT,
	VRRP_KW_ADDRESS,
};

static const struct vrrp_kw vrrp_add_kws[] = {
	{ "dev", VRRP_KW_DEV },
	{ "vrid", VRRP_KW_VRID },
	{ "priority", VRRP_KW_PRIO },
	{ "prio", VRRP_KW_PRIO },
	{ "interval", VRRP_KW_INTERVAL },
	{ "preempt", VRRP_KW_PREEMPT },
	{ "address", VRRP_KW_ADDRESS },
	{ NULL, 0 },
};

static const struct vrrp_kw vrrp_del_kws[] = {
	{ "dev", VRRP_KW_DEV },
	{ "vrid", VRRP_KW_VRID },
	{ NULL, 0 },
};

/**
 * struct vrrp_add_args - a checked "add" command line
 * @dev: interface name
 * @vrid: Virtual Router Identifier, 0 until given
 * @prio: priority, 0 to leave the kernel's default
 * @interval: advertisement interval in ms, 0 to leave the default
 * @preempt: 1 or 0, or -1 to leave the default
 * @nvips: number of addresses in @vips
 * @vips: the virtual addresses (network order) and prefix lengths
 */
struct vrrp_add_args {
	const char *dev;
	unsigned char vrid;
	unsigned char prio;
	__u32 interval;
	int preempt;
	unsigned int nvips;
	struct {
		struct in_addr addr;
		__u8 plen;
	} vips[VRRP_VIPS_MAX];
};

/**
 * vrrp_usage_add() - print the synopsis of "add"
 * @f: stream
 */
void vrrp_usage_add(FILE *f)
{
	fprintf(f,
		"Usage: vrrpctl add [dev] DEV vrid VRID [priority PRIO] [interval MS]\n"
		"                   [preempt { on | off }] address A.B.C.D[/PLEN] [address ...]\n"
		"       VRID := 1-255, PRIO := 1-255 (default 100),\n"
		"       MS := 10-40950, a multiple of 10 (default 1000)\n");
}

/**
 * vrrp_usage_del() - print the synopsis of "del"
 * @f: stream
 */
void vrrp_usage_del(FILE *f)
{
	fprintf(f, "Usage: vrrpctl del [dev] DEV vrid VRID\n");
}

static int vrrp_parse_prio(const char *s, unsigned char *prio)
{
	unsigned long v;

	if (!vrrp_parse_uint(s, 255, &v) || v < 1) {
		vrrp_err("invalid priority \"%s\": must be 1-255", s);
		return -1;
	}
	*prio = v;
	return 0;
}

/* "100" or "100ms". */
static int vrrp_parse_interval(const char *s, __u32 *interval)
{
	char buf[16];
	unsigned long v;
	size_t len = strlen(s);

	if (len > 2 && len < sizeof(buf) && !strcmp(s + len - 2, "ms")) {
		memcpy(buf, s, len - 2);
		buf[len - 2] = '\0';
	} else if (len < sizeof(buf)) {
		memcpy(buf, s, len + 1);
	} else {
		buf[0] = '\0';
	}
	if (!vrrp_parse_uint(buf, VRRP_INTERVAL_MAX, &v) ||
	    v < VRRP_INTERVAL_MIN || v % 10) {
		vrrp_err("interval must be a multiple of 10 ms between %d and %d (got \"%s\")",
			 VRRP_INTERVAL_MIN, VRRP_INTERVAL_MAX, s);
		return -1;
	}
	*interval = v;
	return 0;
}

static int vrrp_parse_preempt(const char *s, int *preempt)
{
	if (!strcmp(s, "on")) {
		*preempt = 1;
	} else if (!strcmp(s, "off")) {
		*preempt = 0;
	} else {
		vrrp_err("invalid preempt \"%s\": must be on or off", s);
		return -1;
	}
	return 0;
}

/* A virtual address must be one a host may own. */
static bool vrrp_addr_unicast(struct in_addr a)
{
	__u32 h = ntohl(a.s_addr);

	return h && (h >> 24) != 127 && !IN_MULTICAST(h) && h != INADDR_BROADCAST;
}

/* "A.B.C.D" or "A.B.C.D/PLEN", appended to args->vips. */
static int vrrp_parse_address(const char *s, struct vrrp_add_args *args)
{
	char buf[INET_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	unsigned long plen = 32;
	struct in_addr addr;
	unsigned int i;

	if (len >= sizeof(buf)) {
		vrrp_err("invalid address \"%s\": expected A.B.C.D[/PLEN]", s);
		return -1;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, &addr) != 1) {
		vrrp_err("invalid address \"%s\": expected A.B.C.D[/PLEN]", s);
		return -1;
	}
	if (slash && !vrrp_parse_uint(slash + 1, 32, &plen)) {
		vrrp_err("invalid prefix length in \"%s\": must be 0-32", s);
		return -1;
	}
	if (!vrrp_addr_unicast(addr)) {
		vrrp_err("invalid address \"%s\": not a unicast address", s);
		return -1;
	}
	for (i = 0; i < args->nvips; i++) {
		if (args->vips[i].addr.s_addr == addr.s_addr) {
			vrrp_err("duplicate address \"%s\"", buf);
			return -1;
		}
	}
	if (args->nvips >= VRRP_VIPS_MAX) {
		vrrp_err("too many addresses: at most %d", VRRP_VIPS_MAX);
		return -1;
	}
	args->vips[args->nvips].addr = addr;
	args->vips[args->nvips].plen = plen;
	args->nvips++;
	return 0;
}

/*
 * The interface comes first, as a bare word or after "dev"; a bare word
 * is never taken for an abbreviated keyword.
 */
static int vrrp_parse_first_dev(int argc, char **argv, int *i,
				const char **dev)
{
	const char *s = argv[*i];

	if (!strcmp(s, "dev")) {
		s = vrrp_arg_value(argc, argv, i);
		if (!s)
			return -1;
	}
	return vrrp_parse_dev(s, dev);
}

static int vrrp_parse_add(int argc, char **argv, struct vrrp_add_args *args)
{
	const char *val;
	int i, kw;

	if (argc < 1) {
		vrrp_err("add: missing device name");
		return -1;
	}
	i = 0;
	if (vrrp_parse_first_dev(argc, argv, &i, &args->dev))
		return -1;
	for (i++; i < argc; i++) {
		kw = vrrp_kw_parse(vrrp_add_kws, argv[i], "keyword");
		if (kw < 0)
			return -1;
		val = vrrp_arg_value(argc, argv, &i);
		if (!val)
			return -1;
		switch (kw) {
		case VRRP_KW_DEV:
			if (vrrp_parse_dev(val, &args->dev))
				return -1;
			break;
		case VRRP_KW_VRID:
			if (args->vrid) {
				vrrp_err("duplicate \"vrid\"");
				return -1;
			}
			if (vrrp_parse_vrid(val, &args->vrid))
				return -1;
			break;
		case VRRP_KW_PRIO:
			if (args->prio) {
				vrrp_err("duplicate \"priority\"");
				return -1;
			}
			if (vrrp_parse_prio(val, &args->prio))
				return -1;
			break;
		case VRRP_KW_INTERVAL:
			if (args->interval) {
				vrrp_err("duplicate \"interval\"");
				return -1;
			}
			if (vrrp_parse_interval(val, &args->interval))
				return -1;
			break;
		case VRRP_KW_PREEMPT:
			if (args->preempt >= 0) {
				vrrp_err("duplicate \"preempt\"");
				return -1;
			}
			if (vrrp_parse_preempt(val, &args->preempt))
				return -1;
			break;
		case VRRP_KW_ADDRESS:
			if (vrrp_parse_address(val, args))
				return -1;
			break;
		}
	}
	if (!args->vrid) {
		vrrp_err("add: missing \"vrid VRID\"");
		return -1;
	}
	if (!args->nvips) {
		vrrp_err("add: missing \"address A.B.C.D[/PLEN]\": at least one is required");
		return -1;
	}
	return 0;
}

static int vrrp_add_put(struct nl_msg *msg, unsigned int ifindex,
			const struct vrrp_add_args *args)
{
	struct nlattr *nest;
	unsigned int i;

	if (nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, ifindex) ||
	    nla_put_u8(msg, VRRP_A_ROUTER_VRID, args->vrid))
		return -1;
	if (args->prio && nla_put_u8(msg, VRRP_A_ROUTER_PRIORITY, args->prio))
		return -1;
	if (args->interval &&
	    nla_put_u32(msg, VRRP_A_ROUTER_INTERVAL, args->interval))
		return -1;
	if (args->preempt >= 0 &&
	    nla_put_u8(msg, VRRP_A_ROUTER_PREEMPT, args->preempt))
		return -1;
	for (i = 0; i < args->nvips; i++) {
		/* The kernel parses strictly: nests must say so. */
		nest = nla_nest_start(msg, VRRP_A_ROUTER_VIP | NLA_F_NESTED);
		if (!nest)
			return -1;
		/* s_addr is big-endian already, as addr4 wants. */
		if (nla_put_u32(msg, VRRP_A_VIP_ADDR4,
				args->vips[i].addr.s_addr) ||
		    nla_put_u8(msg, VRRP_A_VIP_PREFIXLEN, args->vips[i].plen))
			return -1;
		nla_nest_end(msg, nest);
	}
	return 0;
}

/*
 * Enter the namespace, find the interface, open the socket and send an
 * add (with @args) or a del; print what failed.
 */
static int vrrp_router_request(struct vrrp_ctx *ctx, __u8 cmd,
			       const char *dev, unsigned char vrid,
			       const struct vrrp_add_args *args)
{
	struct vrrp_nl_err err;
	struct vrrp_nl nl = { 0 };
	unsigned int ifindex;
	struct nl_msg *msg;
	char what[64];
	int ret = VRRP_EXIT_FAIL;

	if (vrrp_netns_enter(ctx->netns) || vrrp_dev_index(dev, &ifindex))
		return VRRP_EXIT_FAIL;
	if (vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;

	msg = vrrp_nl_msg_new(&nl, cmd, 0);
	if (!msg)
		goto err_nomem;
	if (args) {
		if (vrrp_add_put(msg, ifindex, args))
			goto err_nomem;
	} else if (nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, ifindex) ||
		   nla_put_u8(msg, VRRP_A_ROUTER_VRID, vrid)) {
		goto err_nomem;
	}

	snprintf(what, sizeof(what), "%s %s vrid %u",
		 cmd == VRRP_CMD_ADD ? "add" : "del", dev, vrid);
	if (vrrp_nl_run(&nl, msg, NULL, NULL, &err))
		vrrp_nl_perror(what, &err);
	else
		ret = VRRP_EXIT_OK;
	nlmsg_free(msg);
	vrrp_nl_close(&nl);
	return ret;

err_nomem:
	vrrp_err("cannot build the request: %s", strerror(ENOMEM));
	nlmsg_free(msg);
	vrrp_nl_close(&nl);
	return VRRP_EXIT_FAIL;
}

/**
 * vrrp_cmd_add() - "vrrpctl add": create a virtual router
 * @ctx: global options
 * @argc: number of words after "add"
 * @argv: the words after "add"
 *
 * Return: an exit code.
 */
int vrrp_cmd_add(struct vrrp_ctx *ctx, int argc, char **argv)
{
	struct vrrp_add_args args = { .preempt = -1 };

	if (vrrp_parse_add(argc, argv, &args))
		return VRRP_EXIT_USAGE;
	return vrrp_router_request(ctx, VRRP_CMD_ADD, args.dev, args.vrid,
				   &args);
}

/**
 * vrrp_cmd_del() - "vrrpctl del": delete a virtual router
 * @ctx: global options
 * @argc: number of words after "del"
 * @argv: the words after "del"
 *
 * Return: an exit code.
 */
int vrrp_cmd_del(struct vrrp_ctx *ctx, int argc, char **argv)
{
	unsigned char vrid = 0;
	const char *dev = NULL;
	int i;

	if (argc < 1) {
		vrrp_err("del: missing device name");
		return VRRP_EXIT_USAGE;
	}
	i = 0;
	if (vrrp_parse_first_dev(argc, argv, &i, &dev))
		return VRRP_EXIT_USAGE;
	for (i++; i < argc; i++) {
		const char *val;
		int kw;

		kw = vrrp_kw_parse(vrrp_del_kws, argv[i], "keyword");
		if (kw < 0)
			return VRRP_EXIT_USAGE;
		val = vrrp_arg_value(argc, argv, &i);
		if (!val)
			return VRRP_EXIT_USAGE;
		if (kw == VRRP_KW_DEV) {
			if (vrrp_parse_dev(val, &dev))
				return VRRP_EXIT_USAGE;
			continue;
		}
		if (vrid) {
			vrrp_err("duplicate \"vrid\"");
			return VRRP_EXIT_USAGE;
		}
		if (vrrp_parse_vrid(val, &vrid))
			return VRRP_EXIT_USAGE;
	}
	if (!vrid) {
		vrrp_err("del: missing \"vrid VRID\"");
		return VRRP_EXIT_USAGE;
	}
	return vrrp_router_request(ctx, VRRP_CMD_DEL, dev, vrid, NULL);
}
