// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl monitor": subscribe to the "events" multicast group and print
 * one line per notification, as text or JSON, until SIGINT or SIGTERM:
 *
 *	state eth0 vrid 10 inet backup -> active reason active-down
 *	change eth0 vrid 10 inet state active prio 200 interval 100ms ...
 *	del eth0 vrid 10 inet
 *
 * Each line is flushed as it is written, so that a pipe or a file sees
 * the events as they happen.
 *
 * With --exec PROGRAM, every state event also runs PROGRAM with the
 * arguments DEV VRID FAMILY OLD-STATE NEW-STATE REASON and the same in
 * VRRP_* environment variables. The program runs in the background: the
 * monitor does not wait for it, and reaps it on SIGCHLD.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/vrrp.h>
#include <netlink/genl/genl.h>

#include "print.h"
#include "monitor.h"
#include "netns.h"
#include "nl.h"
#include "show.h"
#include "util.h"

/*
 * Set by the signal handler, read after ppoll() returns: a function call
 * the compiler cannot see through, so the load is not cached.
 */
static sig_atomic_t vrrp_monitor_stop;
static sig_atomic_t vrrp_monitor_child;

const struct vrrp_usage vrrp_usage_monitor = {
	.synopsis = "vrrpctl monitor [-t] [-j] [--exec PROGRAM]\n",
	.notes = "       PROGRAM runs on every state change with the arguments\n"
		 "       DEV VRID FAMILY OLD-STATE NEW-STATE REASON\n",
};

static void vrrp_monitor_signal(int sig)
{
	if (sig == SIGCHLD)
		vrrp_monitor_child = 1;
	else
		vrrp_monitor_stop = 1;
}

/* Collect the programs that ended, without waiting for the others. */
static void vrrp_monitor_reap(void)
{
	vrrp_monitor_child = 0;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* "2026-11-26T04:40:00.123456+0000", local time. */
static void vrrp_timestamp(char *buf, size_t len)
{
	struct timeval tv;
	struct tm tm;
	char t[32], z[8];

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(z, sizeof(z), "%z", &tm);
	snprintf(buf, len, "%s.%06ld%s", t, (long)tv.tv_usec, z);
}

static const char *vrrp_event_name(__u8 cmd)
{
	switch (cmd) {
	case VRRP_CMD_STATE_NTF:
		return "state";
	case VRRP_CMD_CHANGE_NTF:
		return "change";
	case VRRP_CMD_DEL_NTF:
		return "del";
	}
	return NULL;
}

static void vrrp_print_event_text(const char *event,
				  const struct vrrp_router_info *r)
{
	char buf[INET6_ADDRSTRLEN + 8];
	unsigned int i;

	printf("%s %s vrid %u %s", event, r->ifname, r->vrid,
	       vrrp_family_name(r->family));
	if (!strcmp(event, "state")) {
		printf(" %s -> %s reason %s\n", vrrp_state_name(r->old_state),
		       vrrp_state_name(r->state), vrrp_reason_name(r->reason));
		return;
	}
	if (!strcmp(event, "del")) {
		putchar('\n');
		return;
	}
	printf(" state %s version %u prio %u interval %ums preempt %s accept %s",
	       vrrp_state_name(r->state), r->version, r->priority,
	       r->interval, r->preempt ? "on" : "off",
	       r->accept ? "on" : "off");
	for (i = 0; i < r->nvips; i++) {
		if (!inet_ntop(r->vips[i].family, r->vips[i].addr, buf,
			       sizeof(buf)))
			continue;
		printf(" address %s", buf);
		if (r->vips[i].plen >= 0)
			printf("/%d", r->vips[i].plen);
	}
	for (i = 0; i < r->npeers; i++)
		if (inet_ntop(r->peers[i].family, r->peers[i].addr, buf,
			      sizeof(buf)))
			printf(" peer %s", buf);
	putchar('\n');
}

/**
 * struct vrrp_monitor - what the event callback needs
 * @ctx: global options (-j, -p)
 * @timestamp: print a timestamp with each event (-t)
 * @family: the family id of "vrrp"
 */
struct vrrp_monitor {
	const struct vrrp_ctx *ctx;
	bool timestamp;
	int family;
	const char *exec;
	sigset_t child_mask;
};

/*
 * Run the --exec program for a state event, in the background. The child
 * gets the signal mask the monitor had before it blocked its own signals.
 */
static void vrrp_monitor_exec(const struct vrrp_monitor *m,
			      const struct vrrp_router_info *r)
{
	const struct vrrp_script_args a = {
		.ifname = r->ifname,
		.vrid = r->vrid,
		.family = r->family,
		.old_state = r->old_state,
		.state = r->state,
		.reason = r->reason,
		.priority = r->priority,
		.effective_priority = r->effective_priority,
		.group = r->group,
	};
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		vrrp_err("monitor: cannot run %s: %s", m->exec, strerror(errno));
		return;
	}
	if (pid)
		return;

	sigprocmask(SIG_SETMASK, &m->child_mask, NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	vrrp_script_exec(m->exec, &a);
	fprintf(stderr, "vrrpctl: monitor: cannot run %s: %s\n", m->exec,
		strerror(errno));
	_exit(127);
}

static int vrrp_monitor_event(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct vrrp_monitor *m = arg;
	struct vrrp_router_info r;
	const char *event;
	char ts[48];

	if (nlh->nlmsg_type != m->family)
		return NL_SKIP;
	event = vrrp_event_name(((struct genlmsghdr *)nlmsg_data(nlh))->cmd);
	if (!event)
		return NL_SKIP;
	memset(&r, 0, sizeof(r));
	if (vrrp_router_parse(&r, nlh)) {
		vrrp_err("monitor: cannot parse a %s event", event);
		vrrp_router_info_clear(&r);
		return NL_SKIP;
	}
	if (m->timestamp)
		vrrp_timestamp(ts, sizeof(ts));
	if (m->ctx->json) {
		/* One object per line: JSON lines, never pretty. */
		vrrp_print_start(true, false);
		vrrp_router_print(m->ctx, &r, event, m->timestamp ? ts : NULL);
		vrrp_print_end();
	} else {
		if (m->timestamp)
			printf("%s ", ts);
		vrrp_print_event_text(event, &r);
	}
	fflush(stdout);
	if (m->exec && !strcmp(event, "state"))
		vrrp_monitor_exec(m, &r);
	vrrp_router_info_clear(&r);
	return NL_OK;
}

/**
 * vrrp_cmd_monitor() - "vrrpctl monitor": print events until a signal
 * @ctx: global options
 * @argc: number of words after "monitor"
 * @argv: the words after "monitor": -t, -j, --exec PROGRAM
 *
 * Return: an exit code; 0 when stopped by SIGINT or SIGTERM.
 */
int vrrp_cmd_monitor(struct vrrp_ctx *ctx, int argc, char **argv)
{
	struct vrrp_monitor m = { .ctx = ctx };
	struct vrrp_nl nl = { 0 };
	struct sigaction sa;
	sigset_t block, old;
	struct pollfd pfd;
	int i, ret;

	for (i = 0; i < argc; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "-t") || !strcmp(o, "-timestamp") ||
		    !strcmp(o, "--timestamp")) {
			m.timestamp = true;
		} else if (!strcmp(o, "-j") || !strcmp(o, "-json") ||
			   !strcmp(o, "--json")) {
			ctx->json = true;
		} else if (!strcmp(o, "--exec") || !strcmp(o, "-exec")) {
			m.exec = vrrp_arg_value(argc, argv, &i);
			if (!m.exec)
				return VRRP_EXIT_USAGE;
			if (!*m.exec) {
				vrrp_err("monitor: --exec needs a program");
				return VRRP_EXIT_USAGE;
			}
		} else {
			vrrp_err("monitor: unknown argument \"%s\"", o);
			return VRRP_EXIT_USAGE;
		}
	}
	m.timestamp |= ctx->timestamp;
	/* -check: the command was read and checked; nothing is sent. */
	if (ctx->check)
		return VRRP_EXIT_OK;
	if (vrrp_netns_enter(ctx->netns) || vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;
	if (vrrp_nl_subscribe(&nl)) {
		vrrp_nl_close(&nl);
		return VRRP_EXIT_FAIL;
	}
	m.family = nl.family;
	nl_socket_modify_cb(nl.sk, NL_CB_VALID, NL_CB_CUSTOM,
			    vrrp_monitor_event, &m);
	nl_socket_set_nonblocking(nl.sk);

	/*
	 * The signals are blocked except inside ppoll(), so that one
	 * arriving between the check and the wait is not lost.
	 */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = vrrp_monitor_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	m.child_mask = old;
	sigdelset(&old, SIGINT);
	sigdelset(&old, SIGTERM);
	sigdelset(&old, SIGCHLD);

	pfd.fd = nl_socket_get_fd(nl.sk);
	/* Not for the --exec programs. */
	fcntl(pfd.fd, F_SETFD, FD_CLOEXEC);
	pfd.events = POLLIN;
	ret = VRRP_EXIT_OK;
	while (!vrrp_monitor_stop) {
		if (vrrp_monitor_child)
			vrrp_monitor_reap();
		if (ppoll(&pfd, 1, NULL, &old) < 0) {
			if (errno == EINTR)
				continue;
			vrrp_err("monitor: poll: %s", strerror(errno));
			ret = VRRP_EXIT_FAIL;
			break;
		}
		i = nl_recvmsgs_default(nl.sk);
		if (i == -NLE_AGAIN || i >= 0)
			continue;
		if (i == -NLE_NOMEM) {
			/* ENOBUFS: the socket overran; go on. */
			vrrp_err("monitor: events were lost (receive buffer overrun)");
			continue;
		}
		vrrp_err("monitor: %s", nl_geterror(i));
		ret = VRRP_EXIT_FAIL;
		break;
	}
	vrrp_nl_close(&nl);
	return ret;
}
