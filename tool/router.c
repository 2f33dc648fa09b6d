// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl add", "set" and "del": create, change and delete virtual
 * routers; "vrrpctl check": report a health check's state to every
 * router of the namespace that tracks it.
 *
 * As in ip-link, each keyword puts its attribute into the request as it
 * is read. The tool checks only what the command line says: that a
 * keyword belongs to the command, and that its value is a number that
 * fits the attribute, an address or one of the words it takes (a usage
 * error, exit 2). Whether the values are allowed, alone and together, is
 * the kernel's to say: its extended ACK names the attribute and, for a
 * range, the bounds (exit 1).
 * A router is named by its interface, VRID and family; when the family is
 * not given (nor implied by an address), the one router of that VRID on
 * the interface is meant, whichever its family.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/types.h>
#include <linux/vrrp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "netns.h"
#include "nl.h"
#include "router.h"
#include "show.h"
#include "util.h"

enum {
	VRRP_KW_DEV,
	VRRP_KW_VRID,
	VRRP_KW_FAMILY,
	VRRP_KW_VERSION,
	VRRP_KW_PRIO,
	VRRP_KW_INTERVAL,
	VRRP_KW_PREEMPT,
	VRRP_KW_PREEMPT_DELAY,
	VRRP_KW_ACCEPT,
	VRRP_KW_ADDRESS,
	VRRP_KW_PEER,
	VRRP_KW_CHECKSUM,
	VRRP_KW_GARP_COUNT,
	VRRP_KW_GARP_SPACING,
	VRRP_KW_GARP_REPEAT,
	VRRP_KW_GARP_REFRESH,
	VRRP_KW_V2_COMPAT,
	VRRP_KW_TRACK,
	VRRP_KW_CHECK,
	VRRP_KW_TRACK_DELAY_UP,
	VRRP_KW_TRACK_DELAY_DOWN,
	VRRP_KW_GROUP,
	VRRP_KW_TRACK_STATE,
	VRRP_KW_RA,
	VRRP_KW_RA_INTERVAL,
	VRRP_KW_RA_LIFETIME,
	VRRP_KW_RA_MTU,
	VRRP_KW_RA_PREFIX,
	VRRP_KW_FORWARD,
	VRRP_KW_MODE,
	VRRP_KW_VMAC,
};

/*
 * Keywords of add and set. The older keywords keep their short forms:
 * "a" is address, "v" vrid, "pre" preempt.
 */
static const struct vrrp_kw vrrp_add_kws[] = {
	{ "dev", VRRP_KW_DEV, 0 },
	{ "vrid", VRRP_KW_VRID, 0 },
	{ "family", VRRP_KW_FAMILY, 0 },
	{ "version", VRRP_KW_VERSION, 2 },
	{ "priority", VRRP_KW_PRIO, 0 },
	{ "prio", VRRP_KW_PRIO, 0 },
	{ "interval", VRRP_KW_INTERVAL, 0 },
	{ "preempt", VRRP_KW_PREEMPT, 0 },
	{ "preempt-delay", VRRP_KW_PREEMPT_DELAY, 8 },
	{ "accept", VRRP_KW_ACCEPT, 2 },
	{ "address", VRRP_KW_ADDRESS, 0 },
	{ "peer", VRRP_KW_PEER, 2 },
	{ "checksum", VRRP_KW_CHECKSUM, 0 },
	{ "garp-count", VRRP_KW_GARP_COUNT, 0 },
	{ "garp-spacing", VRRP_KW_GARP_SPACING, 0 },
	{ "garp-repeat", VRRP_KW_GARP_REPEAT, 0 },
	{ "garp-refresh", VRRP_KW_GARP_REFRESH, 0 },
	{ "v2-compat", VRRP_KW_V2_COMPAT, 3 },
	/* Newer words: spelled out, so older abbreviations keep working. */
	{ "track", VRRP_KW_TRACK, 5 },
	{ "check", VRRP_KW_CHECK, 5 },
	{ "track-delay-up", VRRP_KW_TRACK_DELAY_UP, 14 },
	{ "track-delay-down", VRRP_KW_TRACK_DELAY_DOWN, 16 },
	{ "group", VRRP_KW_GROUP, 5 },
	{ "track-state", VRRP_KW_TRACK_STATE, 11 },
	{ "ra", VRRP_KW_RA, 2 },
	{ "ra-interval", VRRP_KW_RA_INTERVAL, 11 },
	{ "ra-lifetime", VRRP_KW_RA_LIFETIME, 11 },
	{ "ra-mtu", VRRP_KW_RA_MTU, 6 },
	{ "ra-prefix", VRRP_KW_RA_PREFIX, 9 },
	{ "forward", VRRP_KW_FORWARD, 7 },
	{ "mode", VRRP_KW_MODE, 4 },
	{ "vmac", VRRP_KW_VMAC, 4 },
	{ NULL, 0, 0 },
};

/* Keywords of del and stats reset. */
static const struct vrrp_kw vrrp_key_kws[] = {
	{ "dev", VRRP_KW_DEV, 0 },
	{ "vrid", VRRP_KW_VRID, 0 },
	{ "family", VRRP_KW_FAMILY, 0 },
	{ NULL, 0, 0 },
};

/**
 * struct vrrp_rt_req - an add or set command line, read into its request
 * @msg: the request; each keyword's attribute goes in as it is read, and
 *	the checks across keywords read them back from it
 * @cmd: "add" or "set", for messages
 * @set: the command is set
 * @dev: the interface, whose index goes in once in the namespace
 * @family_given: "family" was given (an address implies the family too)
 */
struct vrrp_rt_req {
	struct nl_msg *msg;
	const char *cmd;
	bool set;
	const char *dev;
	bool family_given;
};

/*
 * A put into the request failed: the request, sized well beyond what the
 * kernel takes, is full; the command line is too long. Out of memory is
 * VRRP_PARSE_NOMEM.
 */
#define VRRP_PARSE_FULL		(-2)
#define VRRP_PARSE_NOMEM	(-3)

static int vrrp_req_nomem(int err)
{
	return err ? VRRP_PARSE_FULL : 0;
}

static struct nlattr *vrrp_req_attr(const struct vrrp_rt_req *q, int type)
{
	return nlmsg_find_attr(nlmsg_hdr(q->msg), GENL_HDRLEN, type);
}

/* A u8 attribute of the request, or -1 when not given. */
static int vrrp_req_u8(const struct vrrp_rt_req *q, int type)
{
	struct nlattr *a = vrrp_req_attr(q, type);

	return a ? nla_get_u8(a) : -1;
}

static unsigned char vrrp_req_family(const struct vrrp_rt_req *q)
{
	int f = vrrp_req_u8(q, VRRP_A_ROUTER_FAMILY);

	return f > 0 ? f : 0;
}

/* A keyword given twice: its attribute is in the request already. */
static int vrrp_req_dup(const struct vrrp_rt_req *q, int type, const char *kw)
{
	if (!vrrp_req_attr(q, type))
		return 0;
	vrrp_err("duplicate \"%s\"", kw);
	return -1;
}

#define VRRP_ADD_OPTS \
	"                   [family { inet | inet6 }] [mode { vrrp | anycast }] [vmac MAC]\n" \
	"                   [version { 2 | 3 }] [priority PRIO]\n" \
	"                   [interval MS] [preempt { on | off }] [preempt-delay MS]\n" \
	"                   [accept { on | off }] [address ADDR[/PLEN]]... [peer ADDR]...\n" \
	"                   [checksum { pseudo | plain }] [forward { active | any }]\n" \
	"                   [garp-count N] [garp-spacing MS]\n" \
	"                   [garp-repeat MS] [garp-refresh MS] [v2-compat { on | off }]\n" \
	"                   [track { IFNAME [weight W] | none }]...\n" \
	"                   [check NAME [weight W] [ttl MS]]...\n" \
	"                   [track-delay-up MS] [track-delay-down MS] [group { NAME | none }]\n" \
	"                   [ra { on | off }] [ra-interval MS] [ra-lifetime S] [ra-mtu MTU]\n" \
	"                   [ra-prefix { PREFIX/PLEN [valid S] [preferred S]\n" \
	"                                [on-link { on | off }] [autonomous { on | off }]\n" \
	"                                | none }]...\n"

const struct vrrp_usage vrrp_usage_add = {
	.synopsis = "vrrpctl add [dev] DEV vrid VRID\n" VRRP_ADD_OPTS,
	.notes = "       VRID := 1-" VRRP_STRINGIFY(VRRP_VRID_MAX)
		 ", PRIO := 1-255 (default 100),\n"
		 "       MS := a time: 100 (milliseconds), 100ms or 0.1s;\n"
		 "       interval " VRRP_STRINGIFY(VRRP_INTERVAL_MIN) "-"
		 VRRP_STRINGIFY(VRRP_INTERVAL_MAX)
		 " ms, a multiple of 10 (default 1000);\n"
		 "             version 2: whole seconds, 1000-"
		 VRRP_STRINGIFY(VRRP_INTERVAL_MAX_V2) "\n"
		 "       at least one address; the first IPv6 one must be link-local;\n"
		 "       MAC := aa:bb:cc:dd:ee:ff, for mode anycast; mode and vmac\n"
		 "       are fixed at creation\n",
};

const struct vrrp_usage vrrp_usage_set = {
	.synopsis = "vrrpctl set [dev] DEV vrid VRID\n" VRRP_ADD_OPTS
		    "vrrpctl set [dev] DEV vrid VRID track-state NAME { up | down } [ttl MS]\n",
	.notes = "       what is not given keeps its value; addresses given replace\n"
		 "       all addresses, peers given replace all peers, track and check\n"
		 "       given replace all tracked objects; W := 0-"
		 VRRP_STRINGIFY(VRRP_WEIGHT_MAX) ", 0 = fault\n",
};

const struct vrrp_usage vrrp_usage_check = {
	.synopsis = "vrrpctl check NAME { up | down } [ttl MS]\n",
	.notes = "       sets the health check NAME on every virtual router of the namespace\n"
		 "       that tracks it; ttl: the state lasts MS unless reported again\n"
		 "       (default: the check's own ttl)\n",
};

const struct vrrp_usage vrrp_usage_del = {
	.synopsis = "vrrpctl del [dev] DEV vrid VRID [family { inet | inet6 }]\n",
};

/* The first address says the family when "family" does not. */
static unsigned char vrrp_req_addr_family(const struct vrrp_rt_req *q)
{
	struct nlattr *n = vrrp_req_attr(q, VRRP_A_ROUTER_VIP) ?:
			   vrrp_req_attr(q, VRRP_A_ROUTER_PEER);

	if (!n)
		return 0;
	return nla_find(nla_data(n), nla_len(n), VRRP_A_VIP_ADDR6) ?
	       VRRP_FAMILY_INET6 : VRRP_FAMILY_INET;
}

/* "ADDR" or "ADDR/PLEN" (not for a peer), IPv4 or IPv6, into a nest. */
static int vrrp_parse_addr(struct vrrp_rt_req *q, const char *s, bool peer)
{
	int type = peer ? VRRP_A_ROUTER_PEER : VRRP_A_ROUTER_VIP;
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	const char *what = peer ? "peer" : "address";
	unsigned char addr[16] = { 0 };
	char buf[INET6_ADDRSTRLEN];
	unsigned long plen;
	struct nlattr *nest;
	int af, ret;

	if (len >= sizeof(buf) || (peer && slash))
		goto bad;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, addr) == 1)
		af = AF_INET;
	else if (inet_pton(AF_INET6, buf, addr) == 1)
		af = AF_INET6;
	else
		goto bad;

	plen = af == AF_INET ? 32 : 256;	/* 256: the kernel's default */
	if (slash && !vrrp_parse_uint(slash + 1, af == AF_INET ? 32 : 128,
				      &plen)) {
		vrrp_err("invalid prefix length in \"%s\": must be 0-%d",
			 s, af == AF_INET ? 32 : 128);
		return -1;
	}
	/* The kernel parses strictly: nests must say so. */
	nest = nla_nest_start(q->msg, type | NLA_F_NESTED);
	if (!nest)
		return VRRP_PARSE_FULL;
	ret = af == AF_INET ? nla_put(q->msg, VRRP_A_VIP_ADDR4, 4, addr) :
			      nla_put(q->msg, VRRP_A_VIP_ADDR6, 16, addr);
	if (ret || (plen <= 128 &&
		    nla_put_u8(q->msg, VRRP_A_VIP_PREFIXLEN, plen)))
		return VRRP_PARSE_FULL;
	nla_nest_end(q->msg, nest);
	return 0;

bad:
	vrrp_err("invalid %s \"%s\": expected %s", what, s,
		 peer ? "an IPv4 or IPv6 address" : "ADDR[/PLEN]");
	return -1;
}

/**
 * vrrp_parse_first_dev() - the interface that comes first in a command
 * @argc: number of words
 * @argv: the words
 * @i: index of the first word; left at the last word used
 * @dev: set to the interface name
 *
 * The interface is a bare word or comes after "dev"; a bare word is never
 * taken for an abbreviated keyword.
 *
 * Return: 0, or -1 after printing why.
 */
int vrrp_parse_first_dev(int argc, char **argv, int *i, const char **dev)
{
	const char *s = argv[*i];

	if (!strcmp(s, "dev")) {
		s = vrrp_arg_value(argc, argv, i);
		if (!s)
			return -1;
	}
	return vrrp_parse_dev(s, dev);
}

/**
 * vrrp_parse_only_dev() - the "[[dev] DEV]" of a command that takes no more
 * @cmd: the command, for messages
 * @argc: number of words after the command
 * @argv: the words after the command
 * @dev: set to the interface name when one is given
 *
 * Return: 0, or -1 after printing why.
 */
int vrrp_parse_only_dev(const char *cmd, int argc, char **argv,
			const char **dev)
{
	int k = 0;

	if (argc > 2 || (argc == 2 && strcmp(argv[0], "dev"))) {
		vrrp_err("%s: too many arguments", cmd);
		return -1;
	}
	return argc ? vrrp_parse_first_dev(argc, argv, &k, dev) : 0;
}

static int vrrp_dup(bool given, const char *kw)
{
	if (given)
		vrrp_err("duplicate \"%s\"", kw);
	return given ? -1 : 0;
}

/* A decimal number that fits the attribute; the kernel checks the range. */
static int vrrp_parse_num(const char *s, const char *what, unsigned long max,
			  unsigned long *val)
{
	if (!vrrp_parse_uint(s, max, val)) {
		vrrp_err("invalid %s \"%s\": not a number of 0-%lu", what, s,
			 max);
		return -1;
	}
	return 0;
}

static int vrrp_put_u8_kw(struct vrrp_rt_req *q, int type, unsigned long v)
{
	return vrrp_req_nomem(nla_put_u8(q->msg, type, v));
}

static int vrrp_put_u32_kw(struct vrrp_rt_req *q, int type, unsigned long v)
{
	return vrrp_req_nomem(nla_put_u32(q->msg, type, v));
}

/* "on" or "off" into a u8 attribute. */
static int vrrp_parse_onoff_kw(struct vrrp_rt_req *q, int type,
			       const char *kw, const char *val)
{
	int v;

	return vrrp_req_dup(q, type, kw) ?:
	       vrrp_parse_onoff(val, kw, &v) ?:
	       vrrp_put_u8_kw(q, type, v);
}

/* A time, "100", "100ms" or "0.1s", into a u32 attribute in ms. */
static int vrrp_parse_ms_kw(struct vrrp_rt_req *q, int type, const char *kw,
			    const char *val)
{
	unsigned long v;

	if (vrrp_req_dup(q, type, kw))
		return -1;
	if (!vrrp_ms_value(val, UINT32_MAX, &v)) {
		vrrp_err("invalid %s \"%s\": not a time (100, 100ms or 0.1s)",
			 kw, val);
		return -1;
	}
	return vrrp_put_u32_kw(q, type, v);
}

/* A number into a u8 attribute. */
static int vrrp_parse_u8_kw(struct vrrp_rt_req *q, int type, const char *kw,
			    const char *val)
{
	unsigned long v;

	return vrrp_req_dup(q, type, kw) ?:
	       vrrp_parse_num(val, kw, UINT8_MAX, &v) ?:
	       vrrp_put_u8_kw(q, type, v);
}

static int vrrp_parse_family_kw(struct vrrp_rt_req *q, const char *val)
{
	unsigned char fam;

	if (vrrp_req_dup(q, VRRP_A_ROUTER_FAMILY, "family") ||
	    vrrp_parse_family(val, &fam))
		return -1;
	q->family_given = true;
	return vrrp_put_u8_kw(q, VRRP_A_ROUTER_FAMILY, fam);
}

static int vrrp_parse_enum2_kw(struct vrrp_rt_req *q, int attr, const char *kw,
			       const char *const words[2], const char *val)
{
	unsigned int i;

	if (vrrp_req_dup(q, attr, kw))
		return -1;
	for (i = 0; i < 2; i++)
		if (!strcmp(val, words[i]))
			return vrrp_put_u8_kw(q, attr, i);
	vrrp_err("invalid %s \"%s\": must be %s or %s", kw, val, words[0],
		 words[1]);
	return -1;
}

/*
 * "vmac aa:bb:cc:dd:ee:ff". Which MAC a router may take (mode anycast,
 * the VRRP range or a locally administered one) is the kernel's to say.
 */
static int vrrp_parse_vmac_kw(struct vrrp_rt_req *q, const char *val)
{
	unsigned char mac[VRRP_MAC_LEN];

	if (vrrp_req_dup(q, VRRP_A_ROUTER_VMAC, "vmac"))
		return -1;
	if (!vrrp_mac_value(val, mac)) {
		vrrp_err("invalid vmac \"%s\": expected a MAC address aa:bb:cc:dd:ee:ff",
			 val);
		return -1;
	}
	return vrrp_req_nomem(nla_put(q->msg, VRRP_A_ROUTER_VMAC, sizeof(mac),
				      mac));
}

/*
 * A name is a word: an empty one ("" in a batch line, an unset shell
 * variable) is a mistake of the command line, not a name for the kernel
 * to judge. For a group it would even mean something: leave the group.
 */
static int vrrp_parse_name(const char *s, const char *what)
{
	if (*s)
		return 0;
	vrrp_err("invalid %s: empty", what);
	return -1;
}

static int vrrp_parse_group_kw(struct vrrp_rt_req *q, const char *val)
{
	if (vrrp_req_dup(q, VRRP_A_ROUTER_GROUP, "group") ||
	    vrrp_parse_name(val, "group name"))
		return -1;
	/* An empty name leaves the group. */
	return vrrp_req_nomem(nla_put_string(q->msg, VRRP_A_ROUTER_GROUP,
					     strcmp(val, "none") ? val : ""));
}

/* One keyword and its value of add or set, into the request. */
static int vrrp_parse_rt_kw(struct vrrp_rt_req *q, int kw, const char *val)
{
	unsigned char vrid;
	unsigned long u;

	switch (kw) {
	case VRRP_KW_DEV:
		return vrrp_parse_dev(val, &q->dev);
	case VRRP_KW_VRID:
		return vrrp_req_dup(q, VRRP_A_ROUTER_VRID, "vrid") ?:
		       vrrp_parse_vrid(val, &vrid) ?:
		       vrrp_put_u8_kw(q, VRRP_A_ROUTER_VRID, vrid);
	case VRRP_KW_FAMILY:
		return vrrp_parse_family_kw(q, val);
	case VRRP_KW_VERSION:
		return vrrp_parse_u8_kw(q, VRRP_A_ROUTER_VERSION, "version",
					val);
	case VRRP_KW_PRIO:
		return vrrp_req_dup(q, VRRP_A_ROUTER_PRIORITY, "priority") ?:
		       vrrp_parse_num(val, "priority", UINT8_MAX, &u) ?:
		       vrrp_put_u8_kw(q, VRRP_A_ROUTER_PRIORITY, u);
	case VRRP_KW_INTERVAL:
		return vrrp_parse_ms_kw(q, VRRP_A_ROUTER_INTERVAL, "interval",
					val);
	case VRRP_KW_PREEMPT:
		return vrrp_parse_onoff_kw(q, VRRP_A_ROUTER_PREEMPT, "preempt",
					   val);
	case VRRP_KW_PREEMPT_DELAY:
		return vrrp_parse_ms_kw(q, VRRP_A_ROUTER_PREEMPT_DELAY,
					"preempt-delay", val);
	case VRRP_KW_ACCEPT:
		return vrrp_parse_onoff_kw(q, VRRP_A_ROUTER_ACCEPT, "accept",
					   val);
	case VRRP_KW_V2_COMPAT:
		return vrrp_parse_onoff_kw(q, VRRP_A_ROUTER_V2_COMPAT,
					   "v2-compat", val);
	case VRRP_KW_ADDRESS:
		return vrrp_parse_addr(q, val, false);
	case VRRP_KW_PEER:
		return vrrp_parse_addr(q, val, true);
	case VRRP_KW_CHECKSUM:
		return vrrp_parse_enum2_kw(q, VRRP_A_ROUTER_CHECKSUM, "checksum",
					   vrrp_checksum_words, val);
	case VRRP_KW_FORWARD:
		return vrrp_parse_enum2_kw(q, VRRP_A_ROUTER_FORWARD, "forward",
					   vrrp_forward_words, val);
	case VRRP_KW_MODE:
		return vrrp_parse_enum2_kw(q, VRRP_A_ROUTER_MODE, "mode",
					   vrrp_mode_words, val);
	case VRRP_KW_VMAC:
		return vrrp_parse_vmac_kw(q, val);
	case VRRP_KW_GARP_COUNT:
		return vrrp_parse_u8_kw(q, VRRP_A_ROUTER_GARP_COUNT,
					"garp-count", val);
	case VRRP_KW_GARP_SPACING:
		return vrrp_parse_ms_kw(q, VRRP_A_ROUTER_GARP_SPACING,
					"garp-spacing", val);
	case VRRP_KW_GARP_REPEAT:
		return vrrp_parse_ms_kw(q, VRRP_A_ROUTER_GARP_REPEAT_DELAY,
					"garp-repeat", val);
	case VRRP_KW_GARP_REFRESH:
		return vrrp_parse_ms_kw(q, VRRP_A_ROUTER_GARP_REFRESH,
					"garp-refresh", val);
	case VRRP_KW_TRACK_DELAY_UP:
		return vrrp_parse_ms_kw(q, VRRP_A_ROUTER_TRACK_DELAY_UP,
					"track-delay-up", val);
	case VRRP_KW_TRACK_DELAY_DOWN:
		return vrrp_parse_ms_kw(q, VRRP_A_ROUTER_TRACK_DELAY_DOWN,
					"track-delay-down", val);
	case VRRP_KW_GROUP:
		return vrrp_parse_group_kw(q, val);
	case VRRP_KW_RA:
		return vrrp_parse_onoff_kw(q, VRRP_A_ROUTER_RA, "ra", val);
	case VRRP_KW_RA_INTERVAL:
		return vrrp_parse_ms_kw(q, VRRP_A_ROUTER_RA_INTERVAL,
					"ra-interval", val);
	case VRRP_KW_RA_LIFETIME:
		return vrrp_req_dup(q, VRRP_A_ROUTER_RA_LIFETIME,
				    "ra-lifetime") ?:
		       vrrp_parse_num(val, "ra-lifetime", UINT16_MAX, &u) ?:
		       vrrp_req_nomem(nla_put_u16(q->msg,
						  VRRP_A_ROUTER_RA_LIFETIME,
						  u));
	case VRRP_KW_RA_MTU:
		return vrrp_req_dup(q, VRRP_A_ROUTER_RA_MTU, "ra-mtu") ?:
		       vrrp_parse_num(val, "ra-mtu", UINT32_MAX, &u) ?:
		       vrrp_put_u32_kw(q, VRRP_A_ROUTER_RA_MTU, u);
	}
	return -1;
}

/* "ttl MS" after a health check; *i is the index of "ttl". */
static int vrrp_parse_ttl(int argc, char **argv, int *i, unsigned long *ttl)
{
	const char *w;

	if (*ttl) {
		vrrp_err("duplicate \"ttl\"");
		return -1;
	}
	w = vrrp_arg_value(argc, argv, i);
	if (!w)
		return -1;
	/* 0 would mean "none": a ttl that is not given. */
	if (!vrrp_ms_value(w, UINT32_MAX, ttl) || !*ttl) {
		vrrp_err("invalid ttl \"%s\": not a time above 0 (100, 100ms or 0.1s)",
			 w);
		return -1;
	}
	return 0;
}

/*
 * "NAME { up | down } [ttl MS]" of track-state and check, into a
 * track-state nest of @msg; *i is the index of NAME.
 */
static int vrrp_parse_report(struct nl_msg *msg, int argc, char **argv,
			     int *i, const char *what)
{
	const char *name = argv[*i], *w;
	unsigned long ttl = 0;
	struct nlattr *nest;

	if (vrrp_parse_name(name, "health check name"))
		return -1;
	w = vrrp_arg_value(argc, argv, i);
	if (!w)
		return -1;
	if (strcmp(w, "up") && strcmp(w, "down")) {
		vrrp_err("invalid %s \"%s\": must be up or down", what, w);
		return -1;
	}
	if (*i + 1 < argc && !strcmp(argv[*i + 1], "ttl")) {
		(*i)++;
		if (vrrp_parse_ttl(argc, argv, i, &ttl))
			return -1;
	}
	nest = nla_nest_start(msg, VRRP_A_ROUTER_TRACK_STATE | NLA_F_NESTED);
	if (!nest || nla_put_string(msg, VRRP_A_TRACK_NAME, name) ||
	    nla_put_u8(msg, VRRP_A_TRACK_UP, !strcmp(w, "up")) ||
	    (ttl && nla_put_u32(msg, VRRP_A_TRACK_TTL, ttl)))
		return VRRP_PARSE_FULL;
	nla_nest_end(msg, nest);
	return 0;
}

/* "track-state NAME up|down [ttl MS]"; *i is the index of NAME. */
static int vrrp_parse_track_state(struct vrrp_rt_req *q, int argc, char **argv,
				  int *i)
{
	if (vrrp_req_dup(q, VRRP_A_ROUTER_TRACK_STATE, "track-state"))
		return -1;
	return vrrp_parse_report(q->msg, argc, argv, i, "track-state");
}

/*
 * "track IFNAME [weight W]", "track none" and "check NAME [weight W]
 * [ttl MS]" (in any order); @val is the word after the keyword, *i its
 * index. A tracked interface goes by its name: the kernel tracks whichever
 * device has it, and one that does not exist yet as down.
 */
static int vrrp_parse_track(struct vrrp_rt_req *q, int argc, char **argv,
			    int *i, int kw, const char *val)
{
	unsigned long weight = 0, ttl = 0;
	const char *ifname = NULL, *w;
	bool weight_given = false;
	struct nlattr *nest;

	if (kw == VRRP_KW_TRACK && !strcmp(val, "none"))
		return vrrp_req_attr(q, VRRP_A_ROUTER_TRACK_CLEAR) ? 0 :
		       vrrp_put_u8_kw(q, VRRP_A_ROUTER_TRACK_CLEAR, 1);
	if (kw == VRRP_KW_TRACK ? vrrp_parse_dev(val, &ifname) :
				  vrrp_parse_name(val, "health check name"))
		return -1;
	while (*i + 1 < argc) {
		w = argv[*i + 1];
		if (!strcmp(w, "weight")) {
			(*i)++;
			if (vrrp_dup(weight_given, "weight"))
				return -1;
			weight_given = true;
			w = vrrp_arg_value(argc, argv, i);
			if (!w || vrrp_parse_num(w, "weight", UINT8_MAX,
						 &weight))
				return -1;
		} else if (kw == VRRP_KW_CHECK && !strcmp(w, "ttl")) {
			(*i)++;
			if (vrrp_parse_ttl(argc, argv, i, &ttl))
				return -1;
		} else {
			break;
		}
	}

	nest = nla_nest_start(q->msg, VRRP_A_ROUTER_TRACK | NLA_F_NESTED);
	if (!nest)
		return VRRP_PARSE_FULL;
	if (nla_put_string(q->msg, ifname ? VRRP_A_TRACK_IFNAME :
					    VRRP_A_TRACK_NAME, val)) {
		return VRRP_PARSE_FULL;
	}
	if (nla_put_u8(q->msg, VRRP_A_TRACK_WEIGHT, weight) ||
	    (ttl && nla_put_u32(q->msg, VRRP_A_TRACK_TTL, ttl)))
		return VRRP_PARSE_FULL;
	nla_nest_end(q->msg, nest);
	return 0;
}

/* A lifetime in seconds, "infinity" for 0xffffffff. */
static int vrrp_parse_lifetime(const char *s, const char *what, __u32 *val)
{
	unsigned long v;

	if (!strcmp(s, "infinity")) {
		*val = 0xffffffff;
		return 0;
	}
	if (!vrrp_parse_uint(s, 0xfffffffeUL, &v)) {
		vrrp_err("invalid %s \"%s\": must be 0-4294967294 s or infinity",
			 what, s);
		return -1;
	}
	*val = v;
	return 0;
}

/* One of the words after "ra-prefix PREFIX/PLEN", into its nest. */
static int vrrp_parse_ra_prefix_kw(struct vrrp_rt_req *q, const char *k,
				   const char *w)
{
	__u32 t;
	int v;

	if (!strcmp(k, "valid") || !strcmp(k, "preferred")) {
		if (vrrp_parse_lifetime(w, !strcmp(k, "valid") ?
					"valid lifetime" : "preferred lifetime",
					&t))
			return -1;
		return vrrp_put_u32_kw(q, !strcmp(k, "valid") ?
				       VRRP_A_RA_PREFIX_VALID_LIFETIME :
				       VRRP_A_RA_PREFIX_PREFERRED_LIFETIME, t);
	}
	if (vrrp_parse_onoff(w, k, &v))
		return -1;
	return vrrp_put_u8_kw(q, !strcmp(k, "on-link") ?
			      VRRP_A_RA_PREFIX_ON_LINK :
			      VRRP_A_RA_PREFIX_AUTONOMOUS, v);
}

/*
 * "ra-prefix PREFIX/PLEN [valid S] [preferred S] [on-link on|off]
 * [autonomous on|off]" or "ra-prefix none"; @val is the word after the
 * keyword, *i its index.
 */
static int vrrp_parse_ra_prefix(struct vrrp_rt_req *q, int argc, char **argv,
				int *i, const char *val)
{
	const char *slash = strchr(val, '/'), *w, *k;
	size_t len = slash ? (size_t)(slash - val) : 0;
	char buf[INET6_ADDRSTRLEN];
	unsigned char addr[16];
	struct nlattr *nest;
	unsigned long plen;
	int ret;

	if (!strcmp(val, "none"))
		return vrrp_req_attr(q, VRRP_A_ROUTER_RA_PREFIX_CLEAR) ? 0 :
		       vrrp_put_u8_kw(q, VRRP_A_ROUTER_RA_PREFIX_CLEAR, 1);
	if (!slash || len >= sizeof(buf) ||
	    !vrrp_parse_uint(slash + 1, 128, &plen))
		goto bad;
	memcpy(buf, val, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET6, buf, addr) != 1)
		goto bad;

	nest = nla_nest_start(q->msg, VRRP_A_ROUTER_RA_PREFIX | NLA_F_NESTED);
	if (!nest || nla_put(q->msg, VRRP_A_RA_PREFIX_PREFIX, 16, addr) ||
	    nla_put_u8(q->msg, VRRP_A_RA_PREFIX_PREFIXLEN, plen))
		return VRRP_PARSE_FULL;
	while (*i + 1 < argc) {
		k = argv[*i + 1];
		if (strcmp(k, "valid") && strcmp(k, "preferred") &&
		    strcmp(k, "on-link") && strcmp(k, "autonomous"))
			break;
		(*i)++;
		w = vrrp_arg_value(argc, argv, i);
		if (!w)
			return -1;
		ret = vrrp_parse_ra_prefix_kw(q, k, w);
		if (ret)
			return ret;
	}
	nla_nest_end(q->msg, nest);
	return 0;

bad:
	vrrp_err("invalid ra-prefix \"%s\": must be an IPv6 PREFIX/PLEN, PLEN 0-128",
		 val);
	return -1;
}

/*
 * What the line as a whole must say: the router it names, for set a
 * change, and no word that only set takes on add. The family, when not
 * given, is the first address's.
 */
static int vrrp_check_rt(struct vrrp_rt_req *q)
{
	const char *cmd = q->cmd, *set_only = NULL;
	unsigned char family;
	struct nlattr *a;
	int rem, n = 0;

	nlmsg_for_each_attr(a, nlmsg_hdr(q->msg), GENL_HDRLEN, rem) {
		switch (nla_type(a)) {
		case VRRP_A_ROUTER_TRACK_CLEAR:
			set_only = "track none";
			break;
		case VRRP_A_ROUTER_TRACK_STATE:
			set_only = "track-state";
			break;
		case VRRP_A_ROUTER_RA_PREFIX_CLEAR:
			set_only = "ra-prefix none";
			break;
		}
		/* What names the router changes nothing. */
		if (nla_type(a) != VRRP_A_ROUTER_VRID &&
		    nla_type(a) != VRRP_A_ROUTER_FAMILY)
			n++;
	}

	if (!vrrp_req_attr(q, VRRP_A_ROUTER_VRID)) {
		vrrp_err("%s: missing \"vrid VRID\"", cmd);
		return -1;
	}
	if (q->set && !n) {
		vrrp_err("%s: nothing to change", cmd);
		return -1;
	}
	if (!q->set && set_only) {
		vrrp_err("%s: \"%s\" is for set", cmd, set_only);
		return -1;
	}
	family = vrrp_req_addr_family(q);
	if (!q->family_given && family)
		return vrrp_put_u8_kw(q, VRRP_A_ROUTER_FAMILY, family);
	return 0;
}

/* add and set: the whole line into @q->msg, started by the caller. */
static int vrrp_parse_rt(struct vrrp_rt_req *q, int argc, char **argv)
{
	const char *val;
	int i, kw, ret;

	if (argc < 1) {
		vrrp_err("%s: missing device name", q->cmd);
		return -1;
	}
	i = 0;
	if (vrrp_parse_first_dev(argc, argv, &i, &q->dev))
		return -1;
	for (i++; i < argc; i++) {
		kw = vrrp_kw_parse(vrrp_add_kws, argv[i], "keyword");
		if (kw < 0)
			return -1;
		val = vrrp_arg_value(argc, argv, &i);
		if (!val)
			return -1;
		if (kw == VRRP_KW_TRACK || kw == VRRP_KW_CHECK)
			ret = vrrp_parse_track(q, argc, argv, &i, kw, val);
		else if (kw == VRRP_KW_TRACK_STATE)
			ret = vrrp_parse_track_state(q, argc, argv, &i);
		else if (kw == VRRP_KW_RA_PREFIX)
			ret = vrrp_parse_ra_prefix(q, argc, argv, &i, val);
		else
			ret = vrrp_parse_rt_kw(q, kw, val);
		if (ret)
			return ret;
	}
	return vrrp_check_rt(q);
}

/*
 * The family of the one router @vrid on @ifindex, when the command line
 * did not say: 0 if there is none (the kernel will say so), an error if
 * there are two.
 */
static int vrrp_find_family(struct vrrp_nl *nl, unsigned int ifindex,
			    const char *dev, unsigned char vrid,
			    unsigned char *family)
{
	struct vrrp_router_list list = { 0 };
	struct vrrp_nl_err err;
	int ret = VRRP_EXIT_OK;

	if (vrrp_router_dump(nl, ifindex, vrid, 0, &list, &err)) {
		vrrp_nl_perror("cannot look up the router's family", &err);
		return VRRP_EXIT_FAIL;
	}
	if (list.n == 1) {
		*family = list.r[0].family;
	} else if (list.n > 1) {
		vrrp_err("%s vrid %u exists as inet and inet6: give \"family inet\" or \"family inet6\"",
			 dev, vrid);
		ret = VRRP_EXIT_USAGE;
	}
	vrrp_router_list_free(&list);
	return ret;
}

/**
 * vrrp_router_request() - send one request naming a router, or several
 * @ctx: global options
 * @cmd: VRRP_CMD_*
 * @name: the command, for messages
 * @dev: the interface, or NULL for all
 * @vrid: the VRID, or 0 for every router of @dev
 * @family: enum vrrp_family, or 0 to look it up when @vrid is given
 * @q: add and set: the request read from the command line, which names
 *	the router itself and is freed here; NULL for the others
 *
 * Enter the namespace, find the interface, open the socket, send the
 * request and print what failed.
 *
 * Return: an exit code.
 */
int vrrp_router_request(struct vrrp_ctx *ctx, __u8 cmd, const char *name,
			const char *dev, unsigned char vrid,
			unsigned char family, struct vrrp_rt_req *q)
{
	bool family_given = q && q->family_given;
	unsigned int ifindex = 0;
	struct vrrp_nl_err err;
	struct vrrp_nl nl = { 0 };
	struct nl_msg *msg = q ? q->msg : NULL;
	bool family_known = family;
	int ret = VRRP_EXIT_FAIL;
	char what[96];
	int len;

	/* -check: the command was read and checked; nothing is sent. */
	if (ctx->check) {
		nlmsg_free(msg);
		return VRRP_EXIT_OK;
	}
	if (vrrp_netns_enter(ctx->netns) ||
	    (dev && vrrp_dev_index(dev, &ifindex)) || vrrp_nl_open(&nl))
		goto out;
	if (vrid && !family && cmd != VRRP_CMD_ADD) {
		ret = vrrp_find_family(&nl, ifindex, dev, vrid, &family);
		if (ret != VRRP_EXIT_OK)
			goto out;
		ret = VRRP_EXIT_FAIL;
	}

	if (!msg) {
		msg = vrrp_nl_msg_new(&nl, cmd, 0);
		if (!msg || (vrid && nla_put_u8(msg, VRRP_A_ROUTER_VRID, vrid)))
			goto err_nomem;
		family_known = false;
	}
	if ((ifindex && nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, ifindex)) ||
	    (family && !family_known &&
	     nla_put_u8(msg, VRRP_A_ROUTER_FAMILY, family)))
		goto err_nomem;

	len = snprintf(what, sizeof(what), "%s", name);
	if (dev)
		len += snprintf(what + len, sizeof(what) - len, " %s", dev);
	if (vrid)
		len += snprintf(what + len, sizeof(what) - len, " vrid %u",
				vrid);
	if (family == VRRP_FAMILY_INET6 || family_given)
		snprintf(what + len, sizeof(what) - len, " family %s",
			 vrrp_family_name(family));
	if (vrrp_nl_run(&nl, msg, NULL, NULL, &err))
		vrrp_nl_perror(what, &err);
	else
		ret = VRRP_EXIT_OK;
	goto out;

err_nomem:
	vrrp_err("cannot build the request: %s", strerror(ENOMEM));
out:
	nlmsg_free(msg);
	vrrp_nl_close(&nl);
	return ret;
}

/*
 * add and set: read the line into @q, whose ->cmd and ->set the caller
 * set. Return an exit code; on success the caller frees @q's message.
 */
static int vrrp_rt_read(struct vrrp_rt_req *q, int argc, char **argv)
{
	int ret;

	q->msg = vrrp_nl_msg_new(NULL, q->set ? VRRP_CMD_SET : VRRP_CMD_ADD,
				 0);
	if (!q->msg) {
		vrrp_err("cannot build the request: %s", strerror(ENOMEM));
		return VRRP_EXIT_FAIL;
	}
	ret = vrrp_parse_rt(q, argc, argv);
	if (ret == VRRP_PARSE_NOMEM)
		vrrp_err("cannot build the request: %s", strerror(ENOMEM));
	else if (ret == VRRP_PARSE_FULL)
		vrrp_err("%s: the command line is too long for one request",
			 q->cmd);
	if (ret) {
		nlmsg_free(q->msg);
		return ret == VRRP_PARSE_NOMEM ? VRRP_EXIT_FAIL :
						 VRRP_EXIT_USAGE;
	}
	return VRRP_EXIT_OK;
}

/* add and set: read the line into a request and send it. */
static int vrrp_cmd_rt(struct vrrp_ctx *ctx, int argc, char **argv, __u8 cmd,
		       const char *name)
{
	struct vrrp_rt_req q = {
		.cmd = name,
		.set = cmd == VRRP_CMD_SET,
	};
	int ret;

	ret = vrrp_rt_read(&q, argc, argv);
	if (ret)
		return ret;
	return vrrp_router_request(ctx, cmd, name, q.dev,
				   vrrp_req_u8(&q, VRRP_A_ROUTER_VRID),
				   vrrp_req_family(&q), &q);
}

/* How many attributes of type @type the request holds. */
static unsigned int vrrp_req_count(const struct vrrp_rt_req *q, int type)
{
	unsigned int n = 0;
	struct nlattr *a;
	int rem;

	nlmsg_for_each_attr(a, nlmsg_hdr(q->msg), GENL_HDRLEN, rem)
		n += nla_type(a) == type;
	return n;
}

/**
 * vrrp_router_args() - read an add or set command line into a router
 * @argc: number of words after "add" or "set"
 * @argv: the words after "add" or "set"
 * @set: the words are those of a set
 * @r: zeroed; filled with what the line says, as a reply would be
 *	(->present tells which attributes it gave; ->ifname is the
 *	interface, ->ifindex 0; a tracked interface has its name and
 *	ifindex 0); free its lists with vrrp_router_info_clear()
 *
 * The line is read exactly as add and set read it, with the same
 * messages. It may not list more tracked objects or advertised prefixes
 * than the kernel takes: @r could not hold them.
 *
 * Return: an exit code.
 */
int vrrp_router_args(int argc, char **argv, bool set,
		     struct vrrp_router_info *r)
{
	struct vrrp_rt_req q = {
		.cmd = set ? "set" : "add",
		.set = set,
	};
	int ret;

	ret = vrrp_rt_read(&q, argc, argv);
	if (ret)
		return ret;
	if (vrrp_req_count(&q, VRRP_A_ROUTER_TRACK) > VRRP_TRACK_MAX) {
		vrrp_err("%s: at most %d tracked interfaces and health checks",
			 q.cmd, VRRP_TRACK_MAX);
		ret = VRRP_EXIT_USAGE;
	} else if (vrrp_req_count(&q, VRRP_A_ROUTER_RA_PREFIX) >
		   VRRP_RA_PREFIXES_MAX) {
		vrrp_err("%s: at most %d ra-prefix", q.cmd,
			 VRRP_RA_PREFIXES_MAX);
		ret = VRRP_EXIT_USAGE;
	} else if (vrrp_router_parse(r, nlmsg_hdr(q.msg))) {
		vrrp_err("%s: cannot read the request back", q.cmd);
		ret = VRRP_EXIT_FAIL;
	}
	if (!ret)
		snprintf(r->ifname, sizeof(r->ifname), "%s", q.dev);
	nlmsg_free(q.msg);
	return ret;
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
	return vrrp_cmd_rt(ctx, argc, argv, VRRP_CMD_ADD, "add");
}

/**
 * vrrp_cmd_set() - "vrrpctl set": change a running virtual router
 * @ctx: global options
 * @argc: number of words after "set"
 * @argv: the words after "set"
 *
 * Return: an exit code.
 */
int vrrp_cmd_set(struct vrrp_ctx *ctx, int argc, char **argv)
{
	return vrrp_cmd_rt(ctx, argc, argv, VRRP_CMD_SET, "set");
}

/**
 * vrrp_parse_key() - the name of a router: [dev] DEV [vrid VRID [family F]]
 * @argc: number of words
 * @argv: the words
 * @cmd: the command, for messages
 * @need_vrid: the device and the VRID must be given (del)
 * @dev: set to the interface name, if given
 * @vrid: set to the VRID, if given
 * @family: set to the enum vrrp_family, if given
 *
 * Return: 0, or -1 after printing why.
 */
int vrrp_parse_key(int argc, char **argv, const char *cmd, bool need_vrid,
		   const char **dev, unsigned char *vrid, unsigned char *family)
{
	const char *val;
	int i = 0, kw;

	if (argc < 1 && need_vrid) {
		vrrp_err("%s: missing device name", cmd);
		return -1;
	}
	if (argc > 0 && vrrp_parse_first_dev(argc, argv, &i, dev))
		return -1;
	for (i++; i < argc; i++) {
		kw = vrrp_kw_parse(vrrp_key_kws, argv[i], "keyword");
		if (kw < 0)
			return -1;
		val = vrrp_arg_value(argc, argv, &i);
		if (!val)
			return -1;
		if (kw == VRRP_KW_DEV) {
			if (vrrp_parse_dev(val, dev))
				return -1;
		} else if (kw == VRRP_KW_VRID) {
			if (vrrp_dup(*vrid, "vrid") ||
			    vrrp_parse_vrid(val, vrid))
				return -1;
		} else if (vrrp_dup(*family, "family") ||
			   vrrp_parse_family(val, family)) {
			return -1;
		}
	}
	if (need_vrid && !*vrid) {
		vrrp_err("%s: missing \"vrid VRID\"", cmd);
		return -1;
	}
	if (*family && !*vrid) {
		vrrp_err("%s: \"family\" needs \"vrid VRID\"", cmd);
		return -1;
	}
	return 0;
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
	unsigned char vrid = 0, family = 0;
	const char *dev = NULL;

	if (vrrp_parse_key(argc, argv, "del", true, &dev, &vrid, &family))
		return VRRP_EXIT_USAGE;
	return vrrp_router_request(ctx, VRRP_CMD_DEL, "del", dev, vrid, family,
				   NULL);
}

/**
 * vrrp_cmd_check() - "vrrpctl check": report a health check's state to
 *	every virtual router of the namespace that tracks it
 * @ctx: global options
 * @argc: number of words after "check"
 * @argv: the words after "check": NAME { up | down } [ttl MS]
 *
 * What a health check script or vrrp-check runs every interval: a report
 * that changes nothing only refreshes the check's lifetime in the kernel.
 *
 * Return: an exit code.
 */
int vrrp_cmd_check(struct vrrp_ctx *ctx, int argc, char **argv)
{
	struct vrrp_nl nl = { 0 };
	struct vrrp_nl_err err;
	int i = 0, ret = VRRP_EXIT_FAIL;
	struct nl_msg *msg;
	char what[64];

	if (argc < 1) {
		vrrp_err("check: missing health check name");
		return VRRP_EXIT_USAGE;
	}
	msg = vrrp_nl_msg_new(NULL, VRRP_CMD_CHECK, 0);
	if (!msg) {
		vrrp_err("cannot build the request: %s", strerror(ENOMEM));
		return VRRP_EXIT_FAIL;
	}
	if (vrrp_parse_report(msg, argc, argv, &i, "state")) {
		nlmsg_free(msg);
		return VRRP_EXIT_USAGE;
	}
	if (i + 1 < argc) {
		vrrp_err("check: unexpected \"%s\"", argv[i + 1]);
		nlmsg_free(msg);
		return VRRP_EXIT_USAGE;
	}
	/* -check: the command was read and checked; nothing is sent. */
	if (ctx->check) {
		nlmsg_free(msg);
		return VRRP_EXIT_OK;
	}
	if (vrrp_netns_enter(ctx->netns) || vrrp_nl_open(&nl))
		goto out;
	snprintf(what, sizeof(what), "check %s", argv[0]);
	if (vrrp_nl_run(&nl, msg, NULL, NULL, &err))
		vrrp_nl_perror(what, &err);
	else
		ret = VRRP_EXIT_OK;
out:
	nlmsg_free(msg);
	vrrp_nl_close(&nl);
	return ret;
}
