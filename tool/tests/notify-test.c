// SPDX-License-Identifier: GPL-2.0
/*
 * notify-test: drive the bookkeeping and the program runner of "vrrpctl
 * notify" (notify.c) with routers read from stdin instead of the kernel's
 * messages, so that tests/notify.sh can check on a host without the
 * module what the program is run with, in which order, and what a
 * timeout, a failure, a full queue and a dump after a loss do.
 *
 *	notify-test PROGRAM [TIMEOUT_MS] < COMMANDS
 *
 * One command a line; ROUTER is "IFINDEX IFNAME VRID FAMILY STATE
 * OLD-STATE REASON" with the names vrrpctl prints:
 *	dump ROUTER		add a router to the next dump
 *	initial | resync	compare that dump (vrrp_notify_sync())
 *	state | change | del ROUTER	an event from the kernel
 *	run			run the queue until it is empty
 *	queue-max N		a smaller queue
 *	lost			print "lost yes" or "lost no"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/vrrp.h>

#include "../notify.h"
#include "../show.h"
#include "../util.h"

static void vrrp_test_fail(const char *what, const char *arg)
{
	fprintf(stderr, "notify-test: %s \"%s\"\n", what, arg);
	exit(2);
}

/* The value whose name is @s, by asking @name for each. */
static __u8 vrrp_test_lookup(const char *(*name)(unsigned int), const char *s)
{
	unsigned int i;

	for (i = 0; i < 64; i++)
		if (!strcmp(name(i), s))
			return i;
	vrrp_test_fail("unknown name", s);
	return 0;
}

static void vrrp_test_router(struct vrrp_router_info *r, char *rest)
{
	char ifname[IF_NAMESIZE], fam[8], state[16], old[16], reason[32];
	unsigned int ifindex, vrid;
	unsigned char family;

	if (sscanf(rest, "%u %15s %u %7s %15s %15s %31s", &ifindex, ifname,
		   &vrid, fam, state, old, reason) != 7)
		vrrp_test_fail("bad router", rest);
	memset(r, 0, sizeof(*r));
	r->ifindex = ifindex;
	snprintf(r->ifname, sizeof(r->ifname), "%s", ifname);
	r->vrid = vrid;
	if (vrrp_parse_family(fam, &family))
		exit(2);
	r->family = family;
	r->state = vrrp_test_lookup(vrrp_state_name, state);
	r->old_state = vrrp_test_lookup(vrrp_state_name, old);
	r->reason = vrrp_test_lookup(vrrp_reason_name, reason);
	r->priority = 200;
	r->effective_priority = 150;
	snprintf(r->group, sizeof(r->group), "fw");
}

int main(int argc, char **argv)
{
	struct vrrp_router_list list = { 0 };
	struct vrrp_notify n;
	struct vrrp_router_info r;
	char line[256], *rest;
	unsigned long v;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: notify-test PROGRAM [TIMEOUT_MS] < COMMANDS\n");
		return 2;
	}
	vrrp_notify_init(&n, argv[1], argc > 2 ? strtoul(argv[2], NULL, 10) : 0);
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		rest = strchr(line, ' ');
		if (rest)
			*rest++ = '\0';
		else
			rest = line + strlen(line);
		if (!*line || *line == '#')
			continue;
		if (!strcmp(line, "dump")) {
			list.r = realloc(list.r, (list.n + 1) * sizeof(*list.r));
			if (!list.r)
				vrrp_test_fail("out of memory", line);
			vrrp_test_router(&list.r[list.n++], rest);
		} else if (!strcmp(line, "initial") || !strcmp(line, "resync")) {
			vrrp_notify_sync(&n, &list, *line == 'i' ?
					 VRRP_NOTIFY_INITIAL :
					 VRRP_NOTIFY_RESYNC);
			free(list.r);
			memset(&list, 0, sizeof(list));
		} else if (!strcmp(line, "state") || !strcmp(line, "change") ||
			   !strcmp(line, "del")) {
			vrrp_test_router(&r, rest);
			vrrp_notify_event(&n, *line == 's' ? VRRP_CMD_STATE_NTF :
					  *line == 'c' ? VRRP_CMD_CHANGE_NTF :
					  VRRP_CMD_DEL_NTF, &r);
		} else if (!strcmp(line, "run")) {
			while ((n.head || n.pid) && !vrrp_notify_stopping())
				if (vrrp_notify_step(&n, NULL))
					return 1;
		} else if (!strcmp(line, "queue-max")) {
			if (!vrrp_parse_uint(rest, 1000000, &v))
				vrrp_test_fail("bad number", rest);
			n.queue_max = v;
		} else if (!strcmp(line, "lost")) {
			printf("lost %s\n", n.lost ? "yes" : "no");
			fflush(stdout);
		} else {
			vrrp_test_fail("unknown command", line);
		}
	}
	vrrp_notify_fini(&n);
	return 0;
}
