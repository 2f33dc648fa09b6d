// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl add", "set" and "del": create, change and delete virtual
 * routers.
 *
 * The whole command line is checked before anything is sent, with the
 * ranges of the spec, so that the kernel sees only well-formed requests.
 * A router is named by its interface, VRID and family; when the family is
 * not given (nor implied by an address), the one router of that VRID on
 * the interface is meant, whichever its family.
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
#include <netlink/genl/genl.h>

#include "netns.h"
#include "nl.h"
#include "router.h"
#include "show.h"
#include "util.h"

/* Ranges of the spec that the uapi header does not define. */
#define VRRP_GARP_COUNT_MAX	100
#define VRRP_GARP_SPACING_MAX	10000
#define VRRP_GARP_REPEAT_MAX	600000
#define VRRP_GARP_REFRESH_MIN	100
#define VRRP_GARP_REFRESH_MAX	3600000
#define VRRP_NAMSIZ		16	/* health check and group names */

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
 * struct vrrp_addr_arg - an address from the command line
 * @af: AF_INET or AF_INET6
 * @addr: the address, network order
 * @plen: prefix length, or -1 for the kernel's default
 */
struct vrrp_addr_arg {
	int af;
	unsigned char addr[16];
	int plen;
};

/**
 * struct vrrp_track_arg - a tracked interface or health check
 * @ifname: the interface, or NULL
 * @name: the health check, or NULL
 * @weight: priority lost while down, 0 for a fault
 */
struct vrrp_track_arg {
	const char *ifname;
	const char *name;
	int weight;
};

/**
 * struct vrrp_ra_prefix_arg - a prefix for Router Advertisements
 * @addr: the prefix, network order
 * @plen: its length
 * @onlink: the L flag, or -1 for the kernel's default
 * @autonomous: the A flag, or -1
 * @valid: valid lifetime in s, or -1
 * @preferred: preferred lifetime in s, or -1
 */
struct vrrp_ra_prefix_arg {
	unsigned char addr[16];
	int plen;
	int onlink;
	int autonomous;
	long long valid;
	long long preferred;
};

/**
 * struct vrrp_rt_args - a checked add or set command line
 * @set: the command is set (everything optional but the name)
 * @dev: interface name
 * @vrid: Virtual Router Identifier, 0 until given
 * @family: enum vrrp_family, 0 until given or implied by an address
 * @family_given: @family comes from the "family" keyword
 * @version: 2 or 3, or -1 to leave it
 * @prio: priority, or -1
 * @preempt: 1 or 0, or -1
 * @accept: 1 or 0, or -1
 * @v2_compat: 1 or 0, or -1
 * @checksum: enum vrrp_checksum, or -1
 * @garp_count: 1-100, or -1
 * @interval: advertisement interval in ms, or -1
 * @preempt_delay: ms, or -1
 * @garp_spacing: ms, or -1
 * @garp_repeat: ms, or -1
 * @garp_refresh: ms, or -1
 * @nvips: number of addresses in @vips
 * @vips: the virtual addresses
 * @npeers: number of addresses in @peers
 * @peers: the unicast peers
 * @ntracks: number of objects in @tracks
 * @tracks: tracked interfaces and health checks
 * @track_none: "track none": remove every tracked object
 * @track_delay_up: ms, or -1
 * @track_delay_down: ms, or -1
 * @group: sync group name ("" to leave it), or NULL
 * @state_name: health check named by "track-state", or NULL
 * @state_up: its new state
 * @ra: Router Advertisements 1 or 0, or -1
 * @ra_interval: ms, or -1
 * @ra_lifetime: s, or -1
 * @ra_mtu: 0 or 1280-65535, or -1
 * @nra_prefixes: number of prefixes in @ra_prefixes
 * @ra_prefixes: the advertised prefixes
 * @ra_prefix_none: "ra-prefix none": advertise no prefix
 */
struct vrrp_rt_args {
	bool set;
	const char *dev;
	unsigned char vrid;
	unsigned char family;
	bool family_given;
	int version;
	int prio;
	int preempt;
	int accept;
	int v2_compat;
	int checksum;
	int garp_count;
	long interval;
	long preempt_delay;
	long garp_spacing;
	long garp_repeat;
	long garp_refresh;
	unsigned int nvips;
	struct vrrp_addr_arg vips[VRRP_VIPS_MAX];
	unsigned int npeers;
	struct vrrp_addr_arg peers[VRRP_PEERS_MAX];
	unsigned int ntracks;
	struct vrrp_track_arg tracks[VRRP_TRACK_MAX];
	bool track_none;
	long track_delay_up;
	long track_delay_down;
	const char *group;
	const char *state_name;
	int state_up;
	int ra;
	long ra_interval;
	long ra_lifetime;
	long ra_mtu;
	unsigned int nra_prefixes;
	struct vrrp_ra_prefix_arg ra_prefixes[VRRP_RA_PREFIXES_MAX];
	bool ra_prefix_none;
};

#define VRRP_RT_ARGS_INIT { .version = -1, .prio = -1, .preempt = -1,	\
	.accept = -1, .v2_compat = -1, .checksum = -1, .garp_count = -1, .interval = -1,	\
	.preempt_delay = -1, .garp_spacing = -1, .garp_repeat = -1,	\
	.garp_refresh = -1, .track_delay_up = -1, .track_delay_down = -1,	\
	.ra = -1, .ra_interval = -1, .ra_lifetime = -1, .ra_mtu = -1 }

#define VRRP_ADD_OPTS \
	"                   [family { inet | inet6 }] [version { 2 | 3 }] [priority PRIO]\n" \
	"                   [interval MS] [preempt { on | off }] [preempt-delay MS]\n" \
	"                   [accept { on | off }] [address ADDR[/PLEN]]... [peer ADDR]...\n" \
	"                   [checksum { pseudo | plain }] [garp-count N] [garp-spacing MS]\n" \
	"                   [garp-repeat MS] [garp-refresh MS] [v2-compat { on | off }]\n" \
	"                   [track { IFNAME [weight W] | none }]... [check NAME [weight W]]...\n" \
	"                   [track-delay-up MS] [track-delay-down MS] [group { NAME | none }]\n" \
	"                   [ra { on | off }] [ra-interval MS] [ra-lifetime S] [ra-mtu MTU]\n" \
	"                   [ra-prefix { PREFIX/PLEN [valid S] [preferred S]\n" \
	"                                [on-link { on | off }] [autonomous { on | off }]\n" \
	"                                | none }]...\n"

const struct vrrp_usage vrrp_usage_add = {
	.synopsis = "vrrpctl add [dev] DEV vrid VRID\n" VRRP_ADD_OPTS,
	.notes = "       VRID := 1-255, PRIO := 1-255 (default 100),\n"
		 "       MS := 10-40950, a multiple of 10 (default 1000);\n"
		 "             version 2: whole seconds, 1000-255000\n"
		 "       at least one address; the first IPv6 one must be link-local\n",
};

const struct vrrp_usage vrrp_usage_set = {
	.synopsis = "vrrpctl set [dev] DEV vrid VRID\n" VRRP_ADD_OPTS
		    "vrrpctl set [dev] DEV vrid VRID track-state NAME { up | down }\n",
	.notes = "       what is not given keeps its value; addresses given replace\n"
		 "       all addresses, peers given replace all peers, track and check\n"
		 "       given replace all tracked objects; W := 0-253, 0 = fault\n",
};

const struct vrrp_usage vrrp_usage_del = {
	.synopsis = "vrrpctl del [dev] DEV vrid VRID [family { inet | inet6 }]\n",
};

static int vrrp_parse_prio(const char *s, int *prio)
{
	unsigned long v;

	if (!vrrp_parse_uint(s, 255, &v) || v < 1) {
		vrrp_err("invalid priority \"%s\": must be 1-255", s);
		return -1;
	}
	*prio = v;
	return 0;
}

/* "100" or "100ms"; checked against the version later. */
static int vrrp_parse_interval(const char *s, long *interval)
{
	unsigned long v;

	if (!vrrp_ms_value(s, VRRP_INTERVAL_MAX_V2, &v) ||
	    v < VRRP_INTERVAL_MIN || v % 10) {
		vrrp_err("interval must be a multiple of 10 ms between %d and %d (got \"%s\")",
			 VRRP_INTERVAL_MIN, VRRP_INTERVAL_MAX, s);
		return -1;
	}
	*interval = v;
	return 0;
}

/* A virtual address must be one a host may own. */
static bool vrrp_addr4_unicast(const unsigned char *a)
{
	__u32 h = (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];

	return h && (h >> 24) != 127 && !IN_MULTICAST(h) &&
	       h != INADDR_BROADCAST;
}

static bool vrrp_addr6_unicast(const unsigned char *a)
{
	static const unsigned char any[16], lo[16] = { [15] = 1 };

	return a[0] != 0xff && memcmp(a, any, 16) && memcmp(a, lo, 16);
}

static bool vrrp_addr6_linklocal(const unsigned char *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

/*
 * "ADDR" or "ADDR/PLEN" (not for a peer), IPv4 or IPv6, appended to
 * @list; the first address fixes the family when it was not given.
 */
static int vrrp_parse_addr(const char *s, bool peer, struct vrrp_rt_args *args,
			   struct vrrp_addr_arg *list, unsigned int *n,
			   unsigned int max)
{
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	const char *what = peer ? "peer" : "address";
	char buf[INET6_ADDRSTRLEN];
	struct vrrp_addr_arg a;
	unsigned long plen;
	unsigned char fam;
	unsigned int i;

	memset(&a, 0, sizeof(a));
	if (len >= sizeof(buf) || (peer && slash))
		goto bad;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, a.addr) == 1)
		a.af = AF_INET;
	else if (inet_pton(AF_INET6, buf, a.addr) == 1)
		a.af = AF_INET6;
	else
		goto bad;
	fam = a.af == AF_INET ? VRRP_FAMILY_INET : VRRP_FAMILY_INET6;

	a.plen = a.af == AF_INET ? 32 : -1;
	if (slash) {
		if (!vrrp_parse_uint(slash + 1, a.af == AF_INET ? 32 : 128,
				     &plen)) {
			vrrp_err("invalid prefix length in \"%s\": must be 0-%d",
				 s, a.af == AF_INET ? 32 : 128);
			return -1;
		}
		a.plen = plen;
	}
	if (a.af == AF_INET ? !vrrp_addr4_unicast(a.addr) :
			      !vrrp_addr6_unicast(a.addr)) {
		vrrp_err("invalid %s \"%s\": not a unicast address", what, s);
		return -1;
	}
	if (args->family && args->family != fam) {
		vrrp_err("invalid %s \"%s\": not an %s address, and the router is %s",
			 what, s, vrrp_family_name(fam),
			 vrrp_family_name(args->family));
		return -1;
	}
	/* RFC 9568 7.4: the first IPv6 address is the link-local one. */
	if (!peer && !*n && a.af == AF_INET6 && !vrrp_addr6_linklocal(a.addr)) {
		vrrp_err("invalid address \"%s\": the first IPv6 address must be link-local (fe80::/10)",
			 s);
		return -1;
	}
	for (i = 0; i < *n; i++) {
		if (!memcmp(list[i].addr, a.addr, 16)) {
			vrrp_err("duplicate %s \"%s\"", what, buf);
			return -1;
		}
	}
	if (*n >= max) {
		vrrp_err("too many %s: at most %u",
			 peer ? "peers" : "addresses", max);
		return -1;
	}
	args->family = fam;
	list[(*n)++] = a;
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

static int vrrp_dup(bool given, const char *kw)
{
	if (given)
		vrrp_err("duplicate \"%s\"", kw);
	return given ? -1 : 0;
}

static int vrrp_parse_u8_range(const char *s, const char *what,
			       unsigned long min, unsigned long max, int *val)
{
	unsigned long v;

	if (!vrrp_parse_uint(s, max, &v) || v < min) {
		vrrp_err("invalid %s \"%s\": must be %lu-%lu", what, s, min,
			 max);
		return -1;
	}
	*val = v;
	return 0;
}

static int vrrp_parse_name(const char *s, const char *what)
{
	if (!*s || strlen(s) >= VRRP_NAMSIZ) {
		vrrp_err("invalid %s \"%s\": must be 1-%d characters", what, s,
			 VRRP_NAMSIZ - 1);
		return -1;
	}
	return 0;
}

/* One keyword and its value of add or set. */
static int vrrp_parse_rt_kw(int kw, const char *val, struct vrrp_rt_args *a)
{
	unsigned char fam;
	unsigned long u;

	switch (kw) {
	case VRRP_KW_DEV:
		return vrrp_parse_dev(val, &a->dev);
	case VRRP_KW_VRID:
		return vrrp_dup(a->vrid, "vrid") ?:
		       vrrp_parse_vrid(val, &a->vrid);
	case VRRP_KW_FAMILY:
		if (vrrp_dup(a->family_given, "family") ||
		    vrrp_parse_family(val, &fam))
			return -1;
		if (a->family && a->family != fam) {
			vrrp_err("family %s does not match the %s addresses",
				 vrrp_family_name(fam),
				 vrrp_family_name(a->family));
			return -1;
		}
		a->family = fam;
		a->family_given = true;
		return 0;
	case VRRP_KW_VERSION:
		return vrrp_dup(a->version >= 0, "version") ?:
		       vrrp_parse_u8_range(val, "version", 2, 3, &a->version);
	case VRRP_KW_PRIO:
		return vrrp_dup(a->prio >= 0, "priority") ?:
		       vrrp_parse_prio(val, &a->prio);
	case VRRP_KW_INTERVAL:
		return vrrp_dup(a->interval >= 0, "interval") ?:
		       vrrp_parse_interval(val, &a->interval);
	case VRRP_KW_PREEMPT:
		return vrrp_dup(a->preempt >= 0, "preempt") ?:
		       vrrp_parse_onoff(val, "preempt", &a->preempt);
	case VRRP_KW_PREEMPT_DELAY:
		return vrrp_dup(a->preempt_delay >= 0, "preempt-delay") ?:
		       vrrp_parse_ms(val, "preempt-delay", 0,
				     VRRP_PREEMPT_DELAY_MAX, &a->preempt_delay);
	case VRRP_KW_ACCEPT:
		return vrrp_dup(a->accept >= 0, "accept") ?:
		       vrrp_parse_onoff(val, "accept", &a->accept);
	case VRRP_KW_V2_COMPAT:
		return vrrp_dup(a->v2_compat >= 0, "v2-compat") ?:
		       vrrp_parse_onoff(val, "v2-compat", &a->v2_compat);
	case VRRP_KW_ADDRESS:
		return vrrp_parse_addr(val, false, a, a->vips, &a->nvips,
				       VRRP_VIPS_MAX);
	case VRRP_KW_PEER:
		return vrrp_parse_addr(val, true, a, a->peers, &a->npeers,
				       VRRP_PEERS_MAX);
	case VRRP_KW_CHECKSUM:
		if (vrrp_dup(a->checksum >= 0, "checksum"))
			return -1;
		if (!strcmp(val, "pseudo")) {
			a->checksum = VRRP_CHECKSUM_PSEUDO;
		} else if (!strcmp(val, "plain")) {
			a->checksum = VRRP_CHECKSUM_PLAIN;
		} else {
			vrrp_err("invalid checksum \"%s\": must be pseudo or plain",
				 val);
			return -1;
		}
		return 0;
	case VRRP_KW_GARP_COUNT:
		return vrrp_dup(a->garp_count >= 0, "garp-count") ?:
		       vrrp_parse_u8_range(val, "garp-count", 1,
					   VRRP_GARP_COUNT_MAX, &a->garp_count);
	case VRRP_KW_GARP_SPACING:
		return vrrp_dup(a->garp_spacing >= 0, "garp-spacing") ?:
		       vrrp_parse_ms(val, "garp-spacing", 0,
				     VRRP_GARP_SPACING_MAX, &a->garp_spacing);
	case VRRP_KW_GARP_REPEAT:
		return vrrp_dup(a->garp_repeat >= 0, "garp-repeat") ?:
		       vrrp_parse_ms(val, "garp-repeat", 0,
				     VRRP_GARP_REPEAT_MAX, &a->garp_repeat);
	case VRRP_KW_TRACK_DELAY_UP:
		return vrrp_dup(a->track_delay_up >= 0, "track-delay-up") ?:
		       vrrp_parse_ms(val, "track-delay-up", 0,
				     VRRP_PREEMPT_DELAY_MAX, &a->track_delay_up);
	case VRRP_KW_TRACK_DELAY_DOWN:
		return vrrp_dup(a->track_delay_down >= 0, "track-delay-down") ?:
		       vrrp_parse_ms(val, "track-delay-down", 0,
				     VRRP_PREEMPT_DELAY_MAX,
				     &a->track_delay_down);
	case VRRP_KW_GROUP:
		if (vrrp_dup(a->group, "group"))
			return -1;
		if (!strcmp(val, "none")) {
			a->group = "";
			return 0;
		}
		a->group = val;
		return vrrp_parse_name(val, "group name");
	case VRRP_KW_RA:
		return vrrp_dup(a->ra >= 0, "ra") ?:
		       vrrp_parse_onoff(val, "ra", &a->ra);
	case VRRP_KW_RA_INTERVAL:
		return vrrp_dup(a->ra_interval >= 0, "ra-interval") ?:
		       vrrp_parse_ms(val, "ra-interval", VRRP_RA_INTERVAL_MIN,
				     VRRP_RA_INTERVAL_MAX, &a->ra_interval);
	case VRRP_KW_RA_LIFETIME:
		if (vrrp_dup(a->ra_lifetime >= 0, "ra-lifetime") ||
		    !vrrp_parse_uint(val, VRRP_RA_LIFETIME_MAX, &u)) {
			vrrp_err("invalid ra-lifetime \"%s\": must be 0-%d s", val,
				 VRRP_RA_LIFETIME_MAX);
			return -1;
		}
		a->ra_lifetime = u;
		return 0;
	case VRRP_KW_RA_MTU:
		if (vrrp_dup(a->ra_mtu >= 0, "ra-mtu") ||
		    !vrrp_parse_uint(val, 65535, &u) || (u && u < 1280)) {
			vrrp_err("invalid ra-mtu \"%s\": must be 0 (none) or 1280-65535",
				 val);
			return -1;
		}
		a->ra_mtu = u;
		return 0;
	case VRRP_KW_GARP_REFRESH:
		if (vrrp_dup(a->garp_refresh >= 0, "garp-refresh") ||
		    vrrp_parse_ms(val, "garp-refresh", 0,
				  VRRP_GARP_REFRESH_MAX, &a->garp_refresh))
			return -1;
		if (a->garp_refresh && a->garp_refresh < VRRP_GARP_REFRESH_MIN) {
			vrrp_err("invalid garp-refresh \"%s\": must be 0 (off) or %d-%d ms",
				 val, VRRP_GARP_REFRESH_MIN,
				 VRRP_GARP_REFRESH_MAX);
			return -1;
		}
		return 0;
	}
	return -1;
}

/* Checks across keywords, once the line is read. */
static int vrrp_check_rt(struct vrrp_rt_args *a, const char *cmd)
{
	if (!a->vrid) {
		vrrp_err("%s: missing \"vrid VRID\"", cmd);
		return -1;
	}
	if (!a->set && !a->nvips) {
		vrrp_err("%s: missing \"address ADDR[/PLEN]\": at least one is required",
			 cmd);
		return -1;
	}
	if (a->set && !a->nvips && !a->npeers && a->version < 0 &&
	    a->prio < 0 && a->preempt < 0 && a->accept < 0 &&
	    a->v2_compat < 0 &&
	    a->checksum < 0 && a->garp_count < 0 && a->interval < 0 &&
	    a->preempt_delay < 0 && a->garp_spacing < 0 &&
	    a->garp_repeat < 0 && a->garp_refresh < 0 && !a->ntracks &&
	    !a->track_none && a->track_delay_up < 0 &&
	    a->track_delay_down < 0 && !a->group && !a->state_name &&
	    a->ra < 0 && a->ra_interval < 0 && a->ra_lifetime < 0 &&
	    a->ra_mtu < 0 && !a->nra_prefixes && !a->ra_prefix_none) {
		vrrp_err("%s: nothing to change", cmd);
		return -1;
	}
	if (a->ra_prefix_none && a->nra_prefixes) {
		vrrp_err("%s: \"ra-prefix none\" and prefixes exclude each other",
			 cmd);
		return -1;
	}
	if (!a->set && a->ra_prefix_none) {
		vrrp_err("%s: \"ra-prefix none\" is for set", cmd);
		return -1;
	}
	if (a->family == VRRP_FAMILY_INET &&
	    (a->ra >= 0 || a->ra_interval >= 0 || a->ra_lifetime >= 0 ||
	     a->ra_mtu >= 0 || a->nra_prefixes || a->ra_prefix_none)) {
		vrrp_err("%s: Router Advertisements are for inet6 routers only",
			 cmd);
		return -1;
	}
	if (a->track_none && a->ntracks) {
		vrrp_err("%s: \"track none\" and tracked objects exclude each other",
			 cmd);
		return -1;
	}
	if (!a->set && (a->track_none || a->state_name)) {
		vrrp_err("%s: \"%s\" is for set", cmd,
			 a->track_none ? "track none" : "track-state");
		return -1;
	}
	if (a->version == 2 && a->family == VRRP_FAMILY_INET6) {
		vrrp_err("%s: VRRPv2 is for IPv4 only (family inet)", cmd);
		return -1;
	}
	if (a->v2_compat == 1 &&
	    (a->version == 2 || a->family == VRRP_FAMILY_INET6)) {
		vrrp_err("%s: v2-compat is for IPv4 VRRPv3 routers only", cmd);
		return -1;
	}
	if (a->version == 2 && a->interval >= 0 && a->interval % 1000) {
		vrrp_err("a VRRPv2 interval is whole seconds, 1000-%d ms (got %ld)",
			 VRRP_INTERVAL_MAX_V2, a->interval);
		return -1;
	}
	if (a->version != 2 && a->interval > VRRP_INTERVAL_MAX) {
		vrrp_err("interval must be a multiple of 10 ms between %d and %d (got \"%ld\")",
			 VRRP_INTERVAL_MIN, VRRP_INTERVAL_MAX, a->interval);
		return -1;
	}
	return 0;
}

/*
 * "track IFNAME [weight W]", "track none", "check NAME [weight W]" and
 * "track-state NAME up|down"; @val is the word after the keyword, *i its
 * index.
 */
static int vrrp_parse_track(int argc, char **argv, int *i, int kw,
			    const char *val, struct vrrp_rt_args *a)
{
	struct vrrp_track_arg *t;
	const char *w;

	if (kw == VRRP_KW_TRACK_STATE) {
		if (vrrp_dup(a->state_name, "track-state") ||
		    vrrp_parse_name(val, "health check name"))
			return -1;
		a->state_name = val;
		w = vrrp_arg_value(argc, argv, i);
		if (!w)
			return -1;
		if (!strcmp(w, "up") || !strcmp(w, "down")) {
			a->state_up = !strcmp(w, "up");
			return 0;
		}
		vrrp_err("invalid track-state \"%s\": must be up or down", w);
		return -1;
	}
	if (kw == VRRP_KW_TRACK && !strcmp(val, "none")) {
		a->track_none = true;
		return 0;
	}
	if (a->ntracks == VRRP_TRACK_MAX) {
		vrrp_err("too many tracked objects: at most %d", VRRP_TRACK_MAX);
		return -1;
	}
	t = &a->tracks[a->ntracks];
	memset(t, 0, sizeof(*t));
	if (kw == VRRP_KW_TRACK) {
		if (vrrp_parse_dev(val, &t->ifname))
			return -1;
	} else {
		if (vrrp_parse_name(val, "health check name"))
			return -1;
		t->name = val;
	}
	if (*i + 1 < argc && !strcmp(argv[*i + 1], "weight")) {
		(*i)++;
		w = vrrp_arg_value(argc, argv, i);
		if (!w || vrrp_parse_u8_range(w, "weight", 0, 253, &t->weight))
			return -1;
	}
	a->ntracks++;
	return 0;
}

/* A lifetime in seconds, "infinity" for 0xffffffff. */
static int vrrp_parse_lifetime(const char *s, const char *what, long long *val)
{
	unsigned long v;

	if (!strcmp(s, "infinity")) {
		*val = 0xffffffffLL;
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

/*
 * "ra-prefix PREFIX/PLEN [valid S] [preferred S] [on-link on|off]
 * [autonomous on|off]" or "ra-prefix none"; @val is the word after the
 * keyword, *i its index.
 */
static int vrrp_parse_ra_prefix(int argc, char **argv, int *i,
				const char *val, struct vrrp_rt_args *a)
{
	const char *slash = strchr(val, '/'), *w, *k;
	struct vrrp_ra_prefix_arg *pf;
	char buf[INET6_ADDRSTRLEN];
	unsigned long plen;
	size_t len;

	if (!strcmp(val, "none")) {
		a->ra_prefix_none = true;
		return 0;
	}
	if (a->nra_prefixes == VRRP_RA_PREFIXES_MAX) {
		vrrp_err("too many ra-prefix: at most %d", VRRP_RA_PREFIXES_MAX);
		return -1;
	}
	pf = &a->ra_prefixes[a->nra_prefixes];
	memset(pf, 0, sizeof(*pf));
	pf->onlink = -1;
	pf->autonomous = -1;
	pf->valid = -1;
	pf->preferred = -1;
	len = slash ? (size_t)(slash - val) : 0;
	if (!slash || len >= sizeof(buf) ||
	    !vrrp_parse_uint(slash + 1, 128, &plen) || !plen)
		goto bad;
	memcpy(buf, val, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET6, buf, pf->addr) != 1)
		goto bad;
	pf->plen = plen;
	while (*i + 1 < argc) {
		k = argv[*i + 1];
		if (strcmp(k, "valid") && strcmp(k, "preferred") &&
		    strcmp(k, "on-link") && strcmp(k, "autonomous"))
			break;
		(*i)++;
		w = vrrp_arg_value(argc, argv, i);
		if (!w)
			return -1;
		if (!strcmp(k, "valid") ?
		    vrrp_parse_lifetime(w, "valid lifetime", &pf->valid) :
		    !strcmp(k, "preferred") ?
		    vrrp_parse_lifetime(w, "preferred lifetime",
					&pf->preferred) :
		    vrrp_parse_onoff(w, k, !strcmp(k, "on-link") ?
				     &pf->onlink : &pf->autonomous))
			return -1;
	}
	a->nra_prefixes++;
	return 0;

bad:
	vrrp_err("invalid ra-prefix \"%s\": must be an IPv6 PREFIX/PLEN, PLEN 1-128",
		 val);
	return -1;
}

static int vrrp_parse_rt(int argc, char **argv, struct vrrp_rt_args *args,
			 const char *cmd)
{
	const char *val;
	int i, kw;

	if (argc < 1) {
		vrrp_err("%s: missing device name", cmd);
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
		if (kw == VRRP_KW_TRACK || kw == VRRP_KW_CHECK ||
		    kw == VRRP_KW_TRACK_STATE) {
			if (vrrp_parse_track(argc, argv, &i, kw, val, args))
				return -1;
			continue;
		}
		if (kw == VRRP_KW_DEV) {
			if (vrrp_parse_dev(val, &args->dev))
				return -1;
			continue;
		}
		if (kw == VRRP_KW_RA_PREFIX) {
			if (vrrp_parse_ra_prefix(argc, argv, &i, val, args))
				return -1;
			continue;
		}
		if (vrrp_parse_rt_kw(kw, val, args))
			return -1;
	}
	return vrrp_check_rt(args, cmd);
}

static int vrrp_put_addrs(struct nl_msg *msg, int type,
			  const struct vrrp_addr_arg *list, unsigned int n)
{
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < n; i++) {
		/* The kernel parses strictly: nests must say so. */
		nest = nla_nest_start(msg, type | NLA_F_NESTED);
		if (!nest)
			return -1;
		if (list[i].af == AF_INET) {
			__u32 a;

			/* Network order already, as addr4 wants. */
			memcpy(&a, list[i].addr, sizeof(a));
			if (nla_put_u32(msg, VRRP_A_VIP_ADDR4, a))
				return -1;
		} else if (nla_put(msg, VRRP_A_VIP_ADDR6, 16, list[i].addr)) {
			return -1;
		}
		if (list[i].plen >= 0 &&
		    nla_put_u8(msg, VRRP_A_VIP_PREFIXLEN, list[i].plen))
			return -1;
		nla_nest_end(msg, nest);
	}
	return 0;
}

static int vrrp_put_u8_opt(struct nl_msg *msg, int attr, int val)
{
	return val >= 0 ? nla_put_u8(msg, attr, val) : 0;
}

static int vrrp_put_u32_opt(struct nl_msg *msg, int attr, long val)
{
	return val >= 0 ? nla_put_u32(msg, attr, val) : 0;
}

/* The tracked objects, interfaces resolved in the current namespace. */
static int vrrp_put_tracks(struct nl_msg *msg, const struct vrrp_rt_args *a)
{
	unsigned int i, ifindex;
	struct nlattr *nest;

	for (i = 0; i < a->ntracks; i++) {
		const struct vrrp_track_arg *t = &a->tracks[i];

		if (t->ifname && vrrp_dev_index(t->ifname, &ifindex))
			return -2;
		nest = nla_nest_start(msg, VRRP_A_ROUTER_TRACK | NLA_F_NESTED);
		if (!nest ||
		    (t->ifname ?
		     nla_put_u32(msg, VRRP_A_TRACK_IFINDEX, ifindex) :
		     nla_put_string(msg, VRRP_A_TRACK_NAME, t->name)) ||
		    nla_put_u8(msg, VRRP_A_TRACK_WEIGHT, t->weight))
			return -1;
		nla_nest_end(msg, nest);
	}
	if (a->track_none &&
	    nla_put_u8(msg, VRRP_A_ROUTER_TRACK_CLEAR, 1))
		return -1;
	if (a->state_name) {
		nest = nla_nest_start(msg, VRRP_A_ROUTER_TRACK_STATE |
				      NLA_F_NESTED);
		if (!nest ||
		    nla_put_string(msg, VRRP_A_TRACK_NAME, a->state_name) ||
		    nla_put_u8(msg, VRRP_A_TRACK_UP, a->state_up))
			return -1;
		nla_nest_end(msg, nest);
	}
	return 0;
}

static int vrrp_put_ra(struct nl_msg *msg, const struct vrrp_rt_args *a)
{
	const struct vrrp_ra_prefix_arg *pf;
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < a->nra_prefixes; i++) {
		pf = &a->ra_prefixes[i];
		nest = nla_nest_start(msg, VRRP_A_ROUTER_RA_PREFIX |
				      NLA_F_NESTED);
		if (!nest ||
		    nla_put(msg, VRRP_A_RA_PREFIX_PREFIX, 16, pf->addr) ||
		    nla_put_u8(msg, VRRP_A_RA_PREFIX_PREFIXLEN, pf->plen) ||
		    vrrp_put_u8_opt(msg, VRRP_A_RA_PREFIX_ON_LINK, pf->onlink) ||
		    vrrp_put_u8_opt(msg, VRRP_A_RA_PREFIX_AUTONOMOUS,
				    pf->autonomous) ||
		    (pf->valid >= 0 &&
		     nla_put_u32(msg, VRRP_A_RA_PREFIX_VALID_LIFETIME,
				 pf->valid)) ||
		    (pf->preferred >= 0 &&
		     nla_put_u32(msg, VRRP_A_RA_PREFIX_PREFERRED_LIFETIME,
				 pf->preferred)))
			return -1;
		nla_nest_end(msg, nest);
	}
	if (a->ra_prefix_none &&
	    nla_put_u8(msg, VRRP_A_ROUTER_RA_PREFIX_CLEAR, 1))
		return -1;
	return vrrp_put_u8_opt(msg, VRRP_A_ROUTER_RA, a->ra) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_RA_INTERVAL,
				a->ra_interval) ||
	       (a->ra_lifetime >= 0 &&
		nla_put_u16(msg, VRRP_A_ROUTER_RA_LIFETIME, a->ra_lifetime)) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_RA_MTU, a->ra_mtu);
}

static int vrrp_rt_put(struct nl_msg *msg, const struct vrrp_rt_args *a)
{
	int err = vrrp_put_tracks(msg, a);

	if (err)
		return err;
	if (vrrp_put_ra(msg, a))
		return -1;
	return vrrp_put_u8_opt(msg, VRRP_A_ROUTER_VERSION, a->version) ||
	       vrrp_put_u8_opt(msg, VRRP_A_ROUTER_PRIORITY, a->prio) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_INTERVAL, a->interval) ||
	       vrrp_put_u8_opt(msg, VRRP_A_ROUTER_PREEMPT, a->preempt) ||
	       vrrp_put_u8_opt(msg, VRRP_A_ROUTER_ACCEPT, a->accept) ||
	       vrrp_put_u8_opt(msg, VRRP_A_ROUTER_V2_COMPAT, a->v2_compat) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_PREEMPT_DELAY,
				a->preempt_delay) ||
	       vrrp_put_u8_opt(msg, VRRP_A_ROUTER_CHECKSUM, a->checksum) ||
	       vrrp_put_u8_opt(msg, VRRP_A_ROUTER_GARP_COUNT, a->garp_count) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_GARP_SPACING,
				a->garp_spacing) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_GARP_REPEAT_DELAY,
				a->garp_repeat) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_GARP_REFRESH,
				a->garp_refresh) ||
	       vrrp_put_addrs(msg, VRRP_A_ROUTER_VIP, a->vips, a->nvips) ||
	       vrrp_put_addrs(msg, VRRP_A_ROUTER_PEER, a->peers, a->npeers) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_TRACK_DELAY_UP,
				a->track_delay_up) ||
	       vrrp_put_u32_opt(msg, VRRP_A_ROUTER_TRACK_DELAY_DOWN,
				a->track_delay_down) ||
	       (a->group && nla_put_string(msg, VRRP_A_ROUTER_GROUP, a->group));
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
 * @args: the attributes of add and set, or NULL
 *
 * Enter the namespace, find the interface, open the socket, send the
 * request and print what failed.
 *
 * Return: an exit code.
 */
int vrrp_router_request(struct vrrp_ctx *ctx, __u8 cmd, const char *name,
			const char *dev, unsigned char vrid,
			unsigned char family, const struct vrrp_rt_args *args)
{
	unsigned int ifindex = 0;
	struct vrrp_nl_err err;
	struct vrrp_nl nl = { 0 };
	struct nl_msg *msg = NULL;
	int ret = VRRP_EXIT_FAIL;
	char what[96];
	int len;

	if (vrrp_netns_enter(ctx->netns) ||
	    (dev && vrrp_dev_index(dev, &ifindex)))
		return VRRP_EXIT_FAIL;
	if (vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;
	if (vrid && !family && cmd != VRRP_CMD_ADD) {
		ret = vrrp_find_family(&nl, ifindex, dev, vrid, &family);
		if (ret != VRRP_EXIT_OK)
			goto out;
		ret = VRRP_EXIT_FAIL;
	}

	msg = vrrp_nl_msg_new(&nl, cmd, 0);
	if (!msg)
		goto err_nomem;
	if ((ifindex && nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, ifindex)) ||
	    (vrid && nla_put_u8(msg, VRRP_A_ROUTER_VRID, vrid)) ||
	    (family && nla_put_u8(msg, VRRP_A_ROUTER_FAMILY, family)))
		goto err_nomem;
	len = args ? vrrp_rt_put(msg, args) : 0;
	if (len == -2)		/* a tracked interface is missing: said */
		goto out;
	if (len)
		goto err_nomem;

	len = snprintf(what, sizeof(what), "%s", name);
	if (dev)
		len += snprintf(what + len, sizeof(what) - len, " %s", dev);
	if (vrid)
		len += snprintf(what + len, sizeof(what) - len, " vrid %u",
				vrid);
	if (family == VRRP_FAMILY_INET6 || (args && args->family_given))
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
	struct vrrp_rt_args args = VRRP_RT_ARGS_INIT;

	if (vrrp_parse_rt(argc, argv, &args, "add"))
		return VRRP_EXIT_USAGE;
	return vrrp_router_request(ctx, VRRP_CMD_ADD, "add", args.dev,
				   args.vrid, args.family, &args);
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
	struct vrrp_rt_args args = VRRP_RT_ARGS_INIT;

	args.set = true;
	if (vrrp_parse_rt(argc, argv, &args, "set"))
		return VRRP_EXIT_USAGE;
	return vrrp_router_request(ctx, VRRP_CMD_SET, "set", args.dev,
				   args.vrid, args.family, &args);
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
