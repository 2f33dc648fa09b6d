// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration as vrrpctl lines: a file of add and set lines read
 * into the routers it describes, a router written as its add line, and
 * the plan that takes the running routers to those of a file.
 *
 * Both sides are struct vrrp_router_info: the file's as add and set read
 * their lines (vrrp_router_args()), the running ones from a dump. What
 * either leaves out is the kernel's default (the spec's VRRP_*_DEFAULT),
 * so a file need only say what differs, and "save" writes only that. A
 * router is named by its interface (compared by index), VRID and family.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/vrrp.h>

#include "conf.h"
#include "router.h"
#include "show.h"
#include "util.h"

#define VRRP_HAS(r, a)	((r)->present & (1ULL << (a)))

/* How a setting is written. */
enum vrrp_conf_fmt {
	VRRP_CONF_NUM,		/* a number */
	VRRP_CONF_MS,		/* milliseconds: "100ms" */
	VRRP_CONF_ONOFF,	/* on or off */
	VRRP_CONF_CHECKSUM,	/* pseudo or plain */
	VRRP_CONF_FORWARD,	/* active or any */
};

/**
 * struct vrrp_conf_attr - a setting of one value
 * @attr: its VRRP_A_ROUTER_* attribute
 * @kw: its keyword in add and set
 * @off: its field in struct vrrp_router_info
 * @size: the size of that field, 1 or 4
 * @fmt: enum vrrp_conf_fmt
 * @inet6: for inet6 routers only (Router Advertisements)
 * @def: the kernel's value when an add leaves it out
 */
struct vrrp_conf_attr {
	int attr;
	const char *kw;
	size_t off;
	unsigned char size;
	unsigned char fmt;
	bool inet6;
	__u32 def;
};

/* Only its type matters, for the sizes of the fields. */
static const struct vrrp_router_info vrrp_conf_any;

#define VRRP_CONF_OFF(f)	offsetof(struct vrrp_router_info, f)
#define VRRP_CONF_SIZE(f)	sizeof(vrrp_conf_any.f)

/* In the order of the synopsis of add; the lists come in between. */
static const struct vrrp_conf_attr vrrp_conf_attrs[] = {
	{ VRRP_A_ROUTER_VERSION, "version",
	  VRRP_CONF_OFF(version), VRRP_CONF_SIZE(version),
	  VRRP_CONF_NUM, false, VRRP_VERSION_DEFAULT },
	{ VRRP_A_ROUTER_PRIORITY, "priority",
	  VRRP_CONF_OFF(priority), VRRP_CONF_SIZE(priority),
	  VRRP_CONF_NUM, false, VRRP_PRIORITY_DEFAULT },
	{ VRRP_A_ROUTER_INTERVAL, "interval",
	  VRRP_CONF_OFF(interval), VRRP_CONF_SIZE(interval),
	  VRRP_CONF_MS, false, VRRP_INTERVAL_DEFAULT },
	/* The spec: preempt 1 (default), accept 0 (default). */
	{ VRRP_A_ROUTER_PREEMPT, "preempt",
	  VRRP_CONF_OFF(preempt), VRRP_CONF_SIZE(preempt),
	  VRRP_CONF_ONOFF, false, 1 },
	{ VRRP_A_ROUTER_PREEMPT_DELAY, "preempt-delay",
	  VRRP_CONF_OFF(preempt_delay), VRRP_CONF_SIZE(preempt_delay),
	  VRRP_CONF_MS, false, 0 },
	{ VRRP_A_ROUTER_ACCEPT, "accept",
	  VRRP_CONF_OFF(accept), VRRP_CONF_SIZE(accept),
	  VRRP_CONF_ONOFF, false, 0 },
	{ VRRP_A_ROUTER_CHECKSUM, "checksum",
	  VRRP_CONF_OFF(checksum), VRRP_CONF_SIZE(checksum),
	  VRRP_CONF_CHECKSUM, false, VRRP_CHECKSUM_PSEUDO },
	{ VRRP_A_ROUTER_FORWARD, "forward",
	  VRRP_CONF_OFF(forward), VRRP_CONF_SIZE(forward),
	  VRRP_CONF_FORWARD, false, VRRP_FORWARD_ACTIVE },
	{ VRRP_A_ROUTER_GARP_COUNT, "garp-count",
	  VRRP_CONF_OFF(garp_count), VRRP_CONF_SIZE(garp_count),
	  VRRP_CONF_NUM, false, VRRP_GARP_COUNT_DEFAULT },
	{ VRRP_A_ROUTER_GARP_SPACING, "garp-spacing",
	  VRRP_CONF_OFF(garp_spacing), VRRP_CONF_SIZE(garp_spacing),
	  VRRP_CONF_MS, false, VRRP_GARP_SPACING_DEFAULT },
	{ VRRP_A_ROUTER_GARP_REPEAT_DELAY, "garp-repeat",
	  VRRP_CONF_OFF(garp_repeat), VRRP_CONF_SIZE(garp_repeat),
	  VRRP_CONF_MS, false, VRRP_GARP_REPEAT_DEFAULT },
	{ VRRP_A_ROUTER_GARP_REFRESH, "garp-refresh",
	  VRRP_CONF_OFF(garp_refresh), VRRP_CONF_SIZE(garp_refresh),
	  VRRP_CONF_MS, false, 0 },
	{ VRRP_A_ROUTER_V2_COMPAT, "v2-compat",
	  VRRP_CONF_OFF(v2_compat), VRRP_CONF_SIZE(v2_compat),
	  VRRP_CONF_ONOFF, false, 0 },
	{ VRRP_A_ROUTER_TRACK_DELAY_UP, "track-delay-up",
	  VRRP_CONF_OFF(track_delay_up), VRRP_CONF_SIZE(track_delay_up),
	  VRRP_CONF_MS, false, 0 },
	{ VRRP_A_ROUTER_TRACK_DELAY_DOWN, "track-delay-down",
	  VRRP_CONF_OFF(track_delay_down), VRRP_CONF_SIZE(track_delay_down),
	  VRRP_CONF_MS, false, 0 },
	{ VRRP_A_ROUTER_RA, "ra",
	  VRRP_CONF_OFF(ra), VRRP_CONF_SIZE(ra),
	  VRRP_CONF_ONOFF, true, 0 },
	{ VRRP_A_ROUTER_RA_INTERVAL, "ra-interval",
	  VRRP_CONF_OFF(ra_interval), VRRP_CONF_SIZE(ra_interval),
	  VRRP_CONF_MS, true, VRRP_RA_INTERVAL_DEFAULT },
	{ VRRP_A_ROUTER_RA_LIFETIME, "ra-lifetime",
	  VRRP_CONF_OFF(ra_lifetime), VRRP_CONF_SIZE(ra_lifetime),
	  VRRP_CONF_NUM, true, VRRP_RA_LIFETIME_DEFAULT },
	{ VRRP_A_ROUTER_RA_MTU, "ra-mtu",
	  VRRP_CONF_OFF(ra_mtu), VRRP_CONF_SIZE(ra_mtu),
	  VRRP_CONF_NUM, true, 0 },
};

#define VRRP_CONF_ATTRS_END (vrrp_conf_attrs + ARRAY_SIZE(vrrp_conf_attrs))

static __u32 vrrp_conf_get(const struct vrrp_router_info *r,
			   const struct vrrp_conf_attr *a)
{
	const void *p = (const char *)r + a->off;

	return a->size == 1 ? *(const __u8 *)p : *(const __u32 *)p;
}

static void vrrp_conf_set_val(struct vrrp_router_info *r,
			      const struct vrrp_conf_attr *a, __u32 v)
{
	void *p = (char *)r + a->off;

	if (a->size == 1)
		*(__u8 *)p = v;
	else
		*(__u32 *)p = v;
}

/* Does @a apply to @r? Router Advertisements are for inet6 only. */
static bool vrrp_conf_attr_of(const struct vrrp_conf_attr *a,
			      const struct vrrp_router_info *r)
{
	return !a->inet6 || r->family == VRRP_FAMILY_INET6;
}

/*
 * The virtual MAC of RFC 9568, which a router has unless it was given
 * another: 00:00:5e:00:01:{VRID}, for IPv6 00:00:5e:00:02:{VRID}.
 */
static void vrrp_conf_vmac_default(const struct vrrp_router_info *r,
				   __u8 mac[VRRP_MAC_LEN])
{
	mac[0] = 0x00;
	mac[1] = 0x00;
	mac[2] = 0x5e;
	mac[3] = 0x00;
	mac[4] = r->family == VRRP_FAMILY_INET6 ? 0x02 : 0x01;
	mac[5] = r->vrid;
}

static bool vrrp_conf_vmac_is_default(const struct vrrp_router_info *r)
{
	__u8 mac[VRRP_MAC_LEN];

	vrrp_conf_vmac_default(r, mac);
	return !memcmp(r->vmac, mac, sizeof(mac));
}

/**
 * vrrp_conf_defaults() - the kernel's value for what @r leaves out
 * @r: a router read from a line, or from a dump of an older kernel
 *
 * Also the prefix length of a virtual address given without one (a
 * host route); a peer has none. The mode left out is vrrp, 0.
 */
void vrrp_conf_defaults(struct vrrp_router_info *r)
{
	const struct vrrp_conf_attr *a;
	unsigned int i;

	for (a = vrrp_conf_attrs; a < VRRP_CONF_ATTRS_END; a++)
		if (!VRRP_HAS(r, a->attr))
			vrrp_conf_set_val(r, a, a->def);
	if (!VRRP_HAS(r, VRRP_A_ROUTER_VMAC))
		vrrp_conf_vmac_default(r, r->vmac);
	for (i = 0; i < r->nvips; i++)
		if (r->vips[i].plen < 0)
			r->vips[i].plen = r->vips[i].family == AF_INET6 ?
					  128 : 32;
	for (i = 0; i < r->npeers; i++)
		r->peers[i].plen = -1;
}

static bool vrrp_conf_same_key(const struct vrrp_router_info *a,
			       const struct vrrp_router_info *b)
{
	return !strcmp(a->ifname, b->ifname) && a->vrid == b->vrid &&
	       a->family == b->family;
}

/* A word that means something else in a line cannot be a name there. */
static int vrrp_conf_name_ok(const struct vrrp_router_info *r,
			     const char *what, const char *name,
			     bool none_is_word)
{
	if (strchr(name, '\n')) {
		vrrp_err("%s vrid %u: the %s \"%s\" holds a newline: it cannot be written in a line",
			 r->ifname, r->vrid, what, name);
		return -1;
	}
	if (none_is_word && !strcmp(name, "none")) {
		vrrp_err("%s vrid %u: a %s named \"none\" cannot be written: the word means none",
			 r->ifname, r->vrid, what);
		return -1;
	}
	return 0;
}

/* "CMD DEV vrid VRID family FAMILY", the name of a router in a line. */
static void vrrp_conf_put_key(FILE *f, const char *cmd,
			      const struct vrrp_router_info *r)
{
	fprintf(f, "%s ", cmd);
	/* An interface named "dev" would be taken for the keyword. */
	if (!strcmp(r->ifname, "dev"))
		fputs("dev ", f);
	vrrp_word_quote(f, r->ifname);
	fprintf(f, " vrid %u family %s", r->vrid, vrrp_family_name(r->family));
}

/* What is fixed when the router is created: its mode and virtual MAC. */
static void vrrp_conf_put_fixed(FILE *f, const struct vrrp_router_info *r)
{
	char buf[VRRP_MAC_STRLEN];

	if (r->mode != VRRP_MODE_VRRP)
		fprintf(f, " mode %s", vrrp_enum2_word(vrrp_mode_words,
						       r->mode));
	if (!vrrp_conf_vmac_is_default(r)) {
		vrrp_mac_format(r->vmac, buf, sizeof(buf));
		fprintf(f, " vmac %s", buf);
	}
}

static void vrrp_conf_put_attr(FILE *f, const struct vrrp_conf_attr *a,
			       __u32 v)
{
	fprintf(f, " %s ", a->kw);
	switch (a->fmt) {
	case VRRP_CONF_NUM:
		fprintf(f, "%u", v);
		break;
	case VRRP_CONF_MS:
		fprintf(f, "%ums", v);
		break;
	case VRRP_CONF_ONOFF:
		fputs(v ? "on" : "off", f);
		break;
	case VRRP_CONF_CHECKSUM:
		fputs(vrrp_enum2_word(vrrp_checksum_words, v), f);
		break;
	case VRRP_CONF_FORWARD:
		fputs(vrrp_enum2_word(vrrp_forward_words, v), f);
		break;
	}
}

/*
 * The settings of @r (those of Router Advertisements when @ra) that differ
 * from @base, or from the defaults when @base is NULL; *version says
 * whether the version is one of them.
 */
static bool vrrp_conf_put_attrs(FILE *f, const struct vrrp_router_info *r,
				const struct vrrp_router_info *base, bool ra,
				bool *version)
{
	const struct vrrp_conf_attr *a;
	bool any = false;
	__u32 v;

	for (a = vrrp_conf_attrs; a < VRRP_CONF_ATTRS_END; a++) {
		if (a->inet6 != ra || !vrrp_conf_attr_of(a, r))
			continue;
		v = vrrp_conf_get(r, a);
		if (v == (base ? vrrp_conf_get(base, a) : a->def))
			continue;
		vrrp_conf_put_attr(f, a, v);
		any = true;
		if (version && a->attr == VRRP_A_ROUTER_VERSION)
			*version = true;
	}
	return any;
}

static void vrrp_conf_put_addrs(FILE *f, const char *kw,
				const struct vrrp_vip_info *v, unsigned int n)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!inet_ntop(v[i].family, v[i].addr, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "?");
		fprintf(f, " %s %s", kw, buf);
		if (v[i].plen >= 0)
			fprintf(f, "/%d", v[i].plen);
	}
}

static bool vrrp_conf_addrs_equal(const struct vrrp_vip_info *a,
				  unsigned int na,
				  const struct vrrp_vip_info *b,
				  unsigned int nb)
{
	unsigned int i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].family != b[i].family || a[i].plen != b[i].plen ||
		    memcmp(a[i].addr, b[i].addr, sizeof(a[i].addr)))
			return false;
	return true;
}

static int vrrp_conf_put_group(FILE *f, const struct vrrp_router_info *r)
{
	if (!r->group[0]) {
		fputs(" group none", f);
		return 0;
	}
	if (vrrp_conf_name_ok(r, "group", r->group, true))
		return -1;
	fputs(" group ", f);
	vrrp_word_quote(f, r->group);
	return 0;
}

static int vrrp_conf_put_tracks(FILE *f, const struct vrrp_router_info *r)
{
	const struct vrrp_track_info *t;
	unsigned int i;

	if (!r->ntracks) {
		fputs(" track none", f);
		return 0;
	}
	for (i = 0; i < r->ntracks; i++) {
		t = &r->tracks[i];
		if (vrrp_conf_name_ok(r, t->is_if ? "tracked interface" :
				      "health check", t->name, t->is_if))
			return -1;
		fputs(t->is_if ? " track " : " check ", f);
		vrrp_word_quote(f, t->name);
		/* 0, the default, makes a fault of it */
		if (t->weight)
			fprintf(f, " weight %u", t->weight);
		/* a health check's own lifetime; 0, the default, is none */
		if (t->ttl)
			fprintf(f, " ttl %u", t->ttl);
	}
	return 0;
}

/* Tracked objects by name: the kernel tracks an interface by its name. */
static bool vrrp_conf_tracks_equal(const struct vrrp_router_info *a,
				   const struct vrrp_router_info *b)
{
	const struct vrrp_track_info *x, *y;
	unsigned int i;

	if (a->ntracks != b->ntracks)
		return false;
	for (i = 0; i < a->ntracks; i++) {
		x = &a->tracks[i];
		y = &b->tracks[i];
		if (x->is_if != y->is_if || x->weight != y->weight ||
		    x->ttl != y->ttl || strcmp(x->name, y->name))
			return false;
	}
	return true;
}

static void vrrp_conf_put_lifetime(FILE *f, const char *kw, __u32 v)
{
	if (v == 0xffffffff)
		fprintf(f, " %s infinity", kw);
	else
		fprintf(f, " %s %u", kw, v);
}

static void vrrp_conf_put_prefixes(FILE *f, const struct vrrp_router_info *r)
{
	const struct vrrp_ra_prefix_info *p;
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	if (!r->nra_prefixes) {
		fputs(" ra-prefix none", f);
		return;
	}
	for (i = 0; i < r->nra_prefixes; i++) {
		p = &r->ra_prefixes[i];
		if (!inet_ntop(AF_INET6, p->addr, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "?");
		fprintf(f, " ra-prefix %s/%u", buf, p->plen);
		if (p->valid != VRRP_RA_VALID_DEFAULT)
			vrrp_conf_put_lifetime(f, "valid", p->valid);
		if (p->preferred != VRRP_RA_PREFERRED_DEFAULT)
			vrrp_conf_put_lifetime(f, "preferred", p->preferred);
		/* The spec: on-link and autonomous 1 (default). */
		if (!p->onlink)
			fputs(" on-link off", f);
		if (!p->autonomous)
			fputs(" autonomous off", f);
	}
}

static bool vrrp_conf_prefixes_equal(const struct vrrp_router_info *a,
				     const struct vrrp_router_info *b)
{
	const struct vrrp_ra_prefix_info *x, *y;
	unsigned int i;

	if (a->nra_prefixes != b->nra_prefixes)
		return false;
	for (i = 0; i < a->nra_prefixes; i++) {
		x = &a->ra_prefixes[i];
		y = &b->ra_prefixes[i];
		if (memcmp(x->addr, y->addr, sizeof(x->addr)) ||
		    x->plen != y->plen || x->onlink != y->onlink ||
		    x->autonomous != y->autonomous || x->valid != y->valid ||
		    x->preferred != y->preferred)
			return false;
	}
	return true;
}

/**
 * vrrp_conf_print_add() - write a router as the add line that makes it
 * @f: where to write; no newline is written
 * @r: the router, its defaults filled in (vrrp_conf_defaults())
 *
 * The line names the family and gives what differs from the defaults.
 *
 * Return: 0, or -1 after printing why a name of @r cannot be written.
 */
int vrrp_conf_print_add(FILE *f, const struct vrrp_router_info *r)
{
	vrrp_conf_put_key(f, "add", r);
	vrrp_conf_put_fixed(f, r);
	vrrp_conf_put_attrs(f, r, NULL, false, NULL);
	vrrp_conf_put_addrs(f, "address", r->vips, r->nvips);
	vrrp_conf_put_addrs(f, "peer", r->peers, r->npeers);
	if (r->group[0] && vrrp_conf_put_group(f, r))
		return -1;
	if (r->ntracks && vrrp_conf_put_tracks(f, r))
		return -1;
	if (r->family != VRRP_FAMILY_INET6)
		return 0;
	vrrp_conf_put_attrs(f, r, NULL, true, NULL);
	if (r->nra_prefixes)
		vrrp_conf_put_prefixes(f, r);
	return 0;
}

/*
 * The words of a set that makes @c (running) what @d (the file's) says,
 * in the order of an add line; *version when the version changes. Return
 * whether anything differs, or -1 when set cannot do it (*why says
 * why): the router must be made again.
 */
static int vrrp_conf_diff(FILE *f, const struct vrrp_router_info *d,
			  const struct vrrp_router_info *c, bool *version,
			  const char **why)
{
	bool any;

	/* The kernel takes a set of these only with the value they have. */
	if (d->mode != c->mode) {
		*why = "the mode is fixed at creation";
		return -1;
	}
	if (memcmp(d->vmac, c->vmac, sizeof(d->vmac))) {
		*why = "the vmac is fixed at creation";
		return -1;
	}
	/* A set without peers keeps them: there is no word for none. */
	if (!d->npeers && c->npeers) {
		*why = "set cannot remove every peer";
		return -1;
	}
	any = vrrp_conf_put_attrs(f, d, c, false, version);
	if (!vrrp_conf_addrs_equal(d->vips, d->nvips, c->vips, c->nvips)) {
		vrrp_conf_put_addrs(f, "address", d->vips, d->nvips);
		any = true;
	}
	if (!vrrp_conf_addrs_equal(d->peers, d->npeers, c->peers,
				   c->npeers)) {
		vrrp_conf_put_addrs(f, "peer", d->peers, d->npeers);
		any = true;
	}
	/* The file's names were read from a line: they can be written. */
	if (strcmp(d->group, c->group)) {
		vrrp_conf_put_group(f, d);
		any = true;
	}
	if (!vrrp_conf_tracks_equal(d, c)) {
		vrrp_conf_put_tracks(f, d);
		any = true;
	}
	if (d->family != VRRP_FAMILY_INET6)
		return any;
	any |= vrrp_conf_put_attrs(f, d, c, true, NULL);
	if (!vrrp_conf_prefixes_equal(d, c)) {
		vrrp_conf_put_prefixes(f, d);
		any = true;
	}
	return any;
}

/* Router Advertisements are for inet6 routers only, as the kernel says. */
static int vrrp_conf_check_ra(const struct vrrp_router_info *r,
			      const struct vrrp_router_info *given)
{
	static const int ra[] = {
		VRRP_A_ROUTER_RA, VRRP_A_ROUTER_RA_INTERVAL,
		VRRP_A_ROUTER_RA_LIFETIME, VRRP_A_ROUTER_RA_MTU,
		VRRP_A_ROUTER_RA_PREFIX, VRRP_A_ROUTER_RA_PREFIX_CLEAR,
	};
	unsigned int i;

	if (r->family == VRRP_FAMILY_INET6)
		return 0;
	for (i = 0; i < ARRAY_SIZE(ra); i++) {
		if (VRRP_HAS(given, ra[i])) {
			vrrp_err("%s vrid %u: Router Advertisements are for inet6 routers only",
				 r->ifname, r->vrid);
			return -1;
		}
	}
	return 0;
}

/* An add line: a new router of the file; @r's lists move to it. */
static int vrrp_conf_add(struct vrrp_conf *conf, struct vrrp_router_info *r,
			 unsigned int line)
{
	struct vrrp_conf_router *c;
	size_t i;

	for (i = 0; i < conf->n; i++) {
		if (!vrrp_conf_same_key(&conf->r[i].r, r))
			continue;
		vrrp_err("%s vrid %u family %s: added on line %u already",
			 r->ifname, r->vrid, vrrp_family_name(r->family),
			 conf->r[i].line);
		return -1;
	}
	/* A set can change the addresses, not remove them all. */
	if (!r->nvips) {
		vrrp_err("add %s vrid %u: at least one address is required",
			 r->ifname, r->vrid);
		return -1;
	}
	if (vrrp_conf_check_ra(r, r))
		return -1;
	if (conf->n == conf->size) {
		size_t size = conf->size ? conf->size * 2 : 8;

		c = realloc(conf->r, size * sizeof(*c));
		if (!c) {
			vrrp_err("cannot read the file: %s", strerror(ENOMEM));
			return -1;
		}
		conf->r = c;
		conf->size = size;
	}
	c = &conf->r[conf->n++];
	c->r = *r;
	c->line = line;
	memset(r, 0, sizeof(*r));
	vrrp_conf_defaults(&c->r);
	return 0;
}

/* A set line: what it gives replaces what the router's add said. */
static int vrrp_conf_set(struct vrrp_conf *conf, struct vrrp_router_info *s)
{
	bool family = VRRP_HAS(s, VRRP_A_ROUTER_FAMILY);
	struct vrrp_router_info *t = NULL, *r;
	const struct vrrp_conf_attr *a;
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < conf->n; i++) {
		r = &conf->r[i].r;
		if (strcmp(r->ifname, s->ifname) || r->vrid != s->vrid ||
		    (family && r->family != s->family))
			continue;
		t = r;
		n++;
	}
	if (!n) {
		vrrp_err("set %s vrid %u: no add of this router before this line",
			 s->ifname, s->vrid);
		return -1;
	}
	if (n > 1) {
		vrrp_err("set %s vrid %u: added as inet and inet6: give \"family inet\" or \"family inet6\"",
			 s->ifname, s->vrid);
		return -1;
	}
	if (VRRP_HAS(s, VRRP_A_ROUTER_TRACK_STATE)) {
		vrrp_err("set %s vrid %u: track-state is the state of a health check, not configuration: its script sets it",
			 s->ifname, s->vrid);
		return -1;
	}
	if (vrrp_conf_check_ra(t, s))
		return -1;

	for (a = vrrp_conf_attrs; a < VRRP_CONF_ATTRS_END; a++)
		if (VRRP_HAS(s, a->attr))
			vrrp_conf_set_val(t, a, vrrp_conf_get(s, a));
	if (VRRP_HAS(s, VRRP_A_ROUTER_MODE))
		t->mode = s->mode;
	if (VRRP_HAS(s, VRRP_A_ROUTER_VMAC))
		memcpy(t->vmac, s->vmac, sizeof(t->vmac));
	if (VRRP_HAS(s, VRRP_A_ROUTER_GROUP))
		memcpy(t->group, s->group, sizeof(t->group));
	if (s->nvips) {
		free(t->vips);
		t->vips = s->vips;
		t->nvips = s->nvips;
		s->vips = NULL;
		s->nvips = 0;
	}
	if (s->npeers) {
		free(t->peers);
		t->peers = s->peers;
		t->npeers = s->npeers;
		s->peers = NULL;
		s->npeers = 0;
	}
	if (VRRP_HAS(s, VRRP_A_ROUTER_TRACK) ||
	    VRRP_HAS(s, VRRP_A_ROUTER_TRACK_CLEAR)) {
		memcpy(t->tracks, s->tracks, sizeof(t->tracks));
		t->ntracks = s->ntracks;
	}
	if (VRRP_HAS(s, VRRP_A_ROUTER_RA_PREFIX) ||
	    VRRP_HAS(s, VRRP_A_ROUTER_RA_PREFIX_CLEAR)) {
		memcpy(t->ra_prefixes, s->ra_prefixes, sizeof(t->ra_prefixes));
		t->nra_prefixes = s->nra_prefixes;
	}
	/* Given once, a value is no longer the default. */
	t->present |= s->present;
	vrrp_conf_defaults(t);
	return 0;
}

enum {
	VRRP_CONF_ADD,
	VRRP_CONF_SET,
};

/* The commands of a file to apply, spelled as the command table does. */
static const struct vrrp_kw vrrp_conf_cmds[] = {
	{ "add", VRRP_CONF_ADD, 0 },
	{ "set", VRRP_CONF_SET, 2 },
	{ "change", VRRP_CONF_SET, 0 },
	{ NULL, 0, 0 },
};

static int vrrp_conf_line(struct vrrp_conf *conf, int argc, char **argv,
			  unsigned int line)
{
	struct vrrp_router_info r = { 0 };
	int kw, ret;

	kw = vrrp_kw_lookup(vrrp_conf_cmds, argv[0]);
	if (kw < 0) {
		vrrp_err("apply: \"%s\": a file to apply holds add and set lines only",
			 argv[0]);
		return -1;
	}
	if (vrrp_router_args(argc - 1, argv + 1, kw == VRRP_CONF_SET, &r))
		return -1;
	if (kw == VRRP_CONF_ADD)
		ret = vrrp_conf_add(conf, &r, line);
	else
		ret = vrrp_conf_set(conf, &r);
	vrrp_router_info_clear(&r);
	return ret;
}

/**
 * vrrp_conf_read() - read the routers of a file of add and set lines
 * @conf: empty, with ->file set; filled with the routers
 * @f: the file
 *
 * Lines are read as -batch reads them, and add and set read their words.
 * A set changes a router added on an earlier line. Every mistake is
 * reported with the file and line; a file with one is not applied.
 *
 * Return: 0, or -1 after printing what is wrong.
 */
int vrrp_conf_read(struct vrrp_conf *conf, FILE *f)
{
	unsigned int saved_line = vrrp_err_line, lineno = 0;
	const char *saved_file = vrrp_err_file;
	char *argv[VRRP_LINE_WORDS];
	char *line = NULL;
	size_t size = 0;
	int argc, ret = 0;

	vrrp_err_file = conf->file;
	while (getline(&line, &size, f) >= 0) {
		vrrp_err_line = ++lineno;
		argc = vrrp_split_words(line, argv, VRRP_LINE_WORDS);
		if (argc < 0 ||
		    (argc && vrrp_conf_line(conf, argc, argv, lineno)))
			ret = -1;
	}
	if (ferror(f)) {
		vrrp_err("cannot read: %s", strerror(errno));
		ret = -1;
	}
	free(line);
	vrrp_err_file = saved_file;
	vrrp_err_line = saved_line;
	return ret;
}

/**
 * vrrp_conf_free() - free the routers of a file
 * @conf: the routers; left empty
 */
void vrrp_conf_free(struct vrrp_conf *conf)
{
	size_t i;

	for (i = 0; i < conf->n; i++)
		vrrp_router_info_clear(&conf->r[i].r);
	free(conf->r);
	conf->r = NULL;
	conf->n = 0;
	conf->size = 0;
}

/* Where a router of the file stands in a plan. */
enum vrrp_conf_scope {
	VRRP_SCOPE_OUT,		/* not of the device the plan is for */
	VRRP_SCOPE_SKIP,	/* an interface it needs is missing */
	VRRP_SCOPE_IN,
};

/*
 * Resolve the interface of a router of the file; *missing is its name
 * when it does not exist. Return -1 when it cannot be looked up. Tracked
 * interfaces need not exist: the kernel counts one that does not as down
 * and follows its name.
 */
static int vrrp_plan_resolve(struct vrrp_router_info *r, vrrp_ifindex_fn fn,
			     const char **missing)
{
	int err;

	*missing = NULL;
	r->ifindex = 0;
	err = fn(r->ifname, &r->ifindex);
	if (err == -ENODEV || err == -ENXIO) {
		*missing = r->ifname;
	} else if (err) {
		vrrp_err("cannot find device \"%s\": %s", r->ifname,
			 strerror(-err));
		return -1;
	}
	return 0;
}

static enum vrrp_conf_scope vrrp_plan_scope(struct vrrp_conf_router *c,
					    const char *dev,
					    unsigned int devidx,
					    const char *missing)
{
	const struct vrrp_router_info *r = &c->r;

	if (dev && strcmp(r->ifname, dev) &&
	    !(devidx && r->ifindex == devidx))
		return VRRP_SCOPE_OUT;
	if (!missing)
		return VRRP_SCOPE_IN;
	vrrp_err_line = c->line;
	vrrp_err("%s: no such device, vrid %u skipped", missing, r->vrid);
	return VRRP_SCOPE_SKIP;
}

/* The running router of the file's @r, or -1. */
static long vrrp_plan_twin(const struct vrrp_router_info *r,
			   const struct vrrp_router_list *running)
{
	size_t j;

	for (j = 0; j < running->n; j++)
		if (running->r[j].ifindex == r->ifindex &&
		    running->r[j].vrid == r->vrid &&
		    running->r[j].family == r->family)
			return j;
	return -1;
}

/* Add the command written to @f (closed here) to the plan. */
static int vrrp_plan_step(struct vrrp_plan *plan, FILE *f, char **text,
			  unsigned int line)
{
	struct vrrp_step *s;

	if (!f || fclose(f) || !*text)
		goto err;
	if (plan->n == plan->size) {
		size_t size = plan->size ? plan->size * 2 : 8;

		s = realloc(plan->s, size * sizeof(*s));
		if (!s)
			goto err;
		plan->s = s;
		plan->size = size;
	}
	plan->s[plan->n].text = *text;
	plan->s[plan->n].undo = NULL;
	plan->s[plan->n++].line = line;
	*text = NULL;
	return 0;

err:
	free(*text);
	*text = NULL;
	vrrp_err("cannot make the plan: %s", strerror(ENOMEM));
	return -1;
}

/* The steps for a router of the file: set, add, or del and add. */
static int vrrp_plan_router(struct vrrp_plan *plan,
			    const struct vrrp_conf_router *c,
			    const struct vrrp_router_info *twin)
{
	const struct vrrp_router_info *r = &c->r;
	const char *why = NULL;
	bool version = false;
	char *text = NULL;
	size_t len;
	FILE *f;
	int ret;

	if (twin) {
		f = open_memstream(&text, &len);
		if (!f)
			return vrrp_plan_step(plan, NULL, &text, 0);
		vrrp_conf_put_key(f, "set", r);
		ret = vrrp_conf_diff(f, r, twin, &version, &why);
		if (!ret) {
			fclose(f);
			free(text);
			return 0;
		}
		/* The kernel restarts a router whose version changes. */
		if (ret > 0 && version)
			fputs("  # restarts the router: a version change", f);
		if (ret > 0)
			return vrrp_plan_step(plan, f, &text, c->line);
		fclose(f);
		free(text);
		text = NULL;
		f = open_memstream(&text, &len);
		if (!f)
			return vrrp_plan_step(plan, NULL, &text, 0);
		vrrp_conf_put_key(f, "del", r);
		fprintf(f, "  # made again: %s", why);
		if (vrrp_plan_step(plan, f, &text, c->line))
			return -1;
		f = open_memstream(&text, &len);
		if (!f || vrrp_conf_print_add(f, twin) || fclose(f) || !text) {
			free(text);
			vrrp_err("cannot make the plan: %s", strerror(ENOMEM));
			return -1;
		}
		plan->s[plan->n - 1].undo = text;
		text = NULL;
	}
	f = open_memstream(&text, &len);
	if (!f)
		return vrrp_plan_step(plan, NULL, &text, 0);
	vrrp_conf_print_add(f, r);
	return vrrp_plan_step(plan, f, &text, c->line);
}

/**
 * vrrp_plan_make() - the commands that make the running routers the file's
 * @plan: empty; filled with the commands
 * @conf: the file's routers; their interfaces are resolved here
 * @running: the routers running in the namespace
 * @dev: only the routers of this device and those that track it, or NULL
 * @ifindex: how to find an interface's index
 *
 * A router only running is deleted, one only in the file added, one in
 * both changed by a set of what differs, if anything does: a router that
 * is the same gets no command. A router whose interface or a tracked one
 * is missing is reported and left alone, running or not.
 *
 * Return: 0, or -1 after printing an error; then @plan is empty.
 */
int vrrp_plan_make(struct vrrp_plan *plan, struct vrrp_conf *conf,
		   struct vrrp_router_list *running, const char *dev,
		   vrrp_ifindex_fn ifindex)
{
	unsigned int saved_line = vrrp_err_line, devidx = 0;
	const char *saved_file = vrrp_err_file, *missing;
	enum vrrp_conf_scope *scope = NULL;
	long *twin = NULL;
	bool *kept = NULL;
	char *text = NULL;
	size_t i, len;
	int ret = 0;
	FILE *f;

	scope = calloc(conf->n + 1, sizeof(*scope));
	twin = calloc(conf->n + 1, sizeof(*twin));
	kept = calloc(running->n + 1, sizeof(*kept));
	if (!scope || !twin || !kept) {
		vrrp_err("cannot make the plan: %s", strerror(ENOMEM));
		goto err;
	}
	if (dev) {
		int err = ifindex(dev, &devidx);

		if (err && err != -ENODEV && err != -ENXIO) {
			vrrp_err("cannot find device \"%s\": %s", dev,
				 strerror(-err));
			goto err;
		}
	}
	/* What an older kernel leaves out is the default too. */
	for (i = 0; i < running->n; i++)
		vrrp_conf_defaults(&running->r[i]);

	vrrp_err_file = conf->file;
	for (i = 0; i < conf->n; i++) {
		vrrp_err_line = conf->r[i].line;
		if (vrrp_plan_resolve(&conf->r[i].r, ifindex, &missing))
			goto err;
		scope[i] = vrrp_plan_scope(&conf->r[i], dev, devidx, missing);
		twin[i] = -1;
		/* Without its interface, it cannot be running. */
		if (scope[i] != VRRP_SCOPE_OUT &&
		    missing != conf->r[i].r.ifname)
			twin[i] = vrrp_plan_twin(&conf->r[i].r, running);
		/* Skipped for a missing tracked interface: left as it runs. */
		if (twin[i] >= 0)
			kept[twin[i]] = true;
	}

	for (i = 0; i < running->n; i++) {
		if (kept[i] ||
		    (dev && (!devidx || running->r[i].ifindex != devidx)))
			continue;
		f = open_memstream(&text, &len);
		if (f)
			vrrp_conf_put_key(f, "del", &running->r[i]);
		if (vrrp_plan_step(plan, f, &text, 0))
			goto err;
	}
	for (i = 0; i < conf->n; i++)
		if (scope[i] == VRRP_SCOPE_IN && twin[i] >= 0 &&
		    vrrp_plan_router(plan, &conf->r[i], &running->r[twin[i]]))
			goto err;
	for (i = 0; i < conf->n; i++)
		if (scope[i] == VRRP_SCOPE_IN && twin[i] < 0 &&
		    vrrp_plan_router(plan, &conf->r[i], NULL))
			goto err;
	goto out;

err:
	vrrp_plan_free(plan);
	ret = -1;
out:
	free(scope);
	free(twin);
	free(kept);
	vrrp_err_file = saved_file;
	vrrp_err_line = saved_line;
	return ret;
}

/**
 * vrrp_plan_print() - write a plan, one command a line
 * @f: where to write
 * @plan: the plan
 */
void vrrp_plan_print(FILE *f, const struct vrrp_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		fprintf(f, "%s\n", plan->s[i].text);
}

/**
 * vrrp_plan_free() - free a plan
 * @plan: the plan; left empty
 */
void vrrp_plan_free(struct vrrp_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n; i++) {
		free(plan->s[i].text);
		free(plan->s[i].undo);
	}
	free(plan->s);
	plan->s = NULL;
	plan->n = 0;
	plan->size = 0;
}
