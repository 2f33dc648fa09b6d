// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl notify PROGRAM": run PROGRAM for the state of every virtual
 * router of the network namespace at start, then for every change, with
 * the arguments
 *
 *	DEV VRID FAMILY OLD-STATE NEW-STATE REASON EVENT
 *
 * (monitor --exec's six, then why it runs: initial, state, resync, add
 * or del) and the same in VRRP_* environment variables.
 *
 * What a notify script must be able to count on, and how:
 * - It learns every router's state even when it was not running when the
 *   state changed: the events group is joined first, then the routers
 *   are dumped and each one's state reported as "initial". An event that
 *   raced with the dump says what the dump said already and is dropped.
 * - The runs of one router never overlap and never come out of order:
 *   there is one queue and one run at a time, in the order the kernel's
 *   events arrived. The program is told OLD-STATE as the state it was
 *   last told, so its view of each router is one unbroken chain.
 * - A slow program does not make the socket overrun: events are read
 *   while it runs and queued in memory, and the socket's receive buffer
 *   is large. If events are lost anyway (ENOBUFS, a full queue), the
 *   socket is read empty, since what it still holds is older than what
 *   was lost, then the routers are dumped, and each router whose state
 *   differs from the one the program was last told is reported as
 *   "resync" (routers that appeared meanwhile as "add", those that went
 *   away as "del").
 * - A hung program does not stop the queue for ever: it gets SIGTERM at
 *   its timeout and SIGKILL two seconds later, its process group too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/vrrp.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "netns.h"
#include "nl.h"
#include "notify.h"
#include "show.h"
#include "util.h"

/* Queued runs past which events are dropped and counted as lost. */
#define VRRP_NOTIFY_QUEUE_MAX		4096
/* Default receive buffer of the event socket, bytes (SO_RCVBUFFORCE). */
#define VRRP_NOTIFY_RCVBUF		(4 << 20)
#define VRRP_NOTIFY_TIMEOUT_MS		60000UL
#define VRRP_NOTIFY_TIMEOUT_MAX_MS	86400000UL
/* From SIGTERM to SIGKILL. */
#define VRRP_NOTIFY_KILL_MS		2000
/* After a fork that failed. */
#define VRRP_NOTIFY_RETRY_MS		1000
/* Event socket messages read between two looks at the queue. */
#define VRRP_NOTIFY_READ_BUDGET		256

const struct vrrp_usage vrrp_usage_notify = {
	.synopsis = "vrrpctl notify [timeout MS] [rcvbuf BYTES] PROGRAM\n",
	.notes = "       PROGRAM runs for every router at start, then on every change, with\n"
		 "       the arguments DEV VRID FAMILY OLD-STATE NEW-STATE REASON EVENT,\n"
		 "       one run at a time; EVENT := { initial | state | resync | add | del }\n",
};

static const char * const vrrp_notify_event_names[] = {
	[VRRP_NOTIFY_INITIAL] = "initial",
	[VRRP_NOTIFY_STATE] = "state",
	[VRRP_NOTIFY_RESYNC] = "resync",
	[VRRP_NOTIFY_ADD] = "add",
	[VRRP_NOTIFY_DEL] = "del",
};

/*
 * Set by the signal handler, read after ppoll() returns (a function call
 * the compiler cannot see through, so the load is not cached).
 */
static sig_atomic_t vrrp_notify_stop;
static sig_atomic_t vrrp_notify_child;
/* vrrp_notify_start() could not fork: wait before trying again. */
static bool vrrp_notify_backoff;

const char *vrrp_notify_event_name(enum vrrp_notify_event event)
{
	return vrrp_notify_event_names[event];
}

/**
 * vrrp_notify_stopping() - has SIGINT or SIGTERM arrived?
 *
 * Return: true once one of them has.
 */
bool vrrp_notify_stopping(void)
{
	return vrrp_notify_stop;
}

/*
 * One line on stderr. Under systemd (stderr is the journal stream that
 * JOURNAL_STREAM names) it starts with the syslog priority, "<4>", which
 * journald takes as the line's priority and strips. Written with one
 * call: the program's own output shares the stream.
 */
__printf(3, 4)
static void vrrp_notify_log(const struct vrrp_notify *n, int prio,
			    const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int len;

	len = n->journal ? snprintf(line, sizeof(line), "<%d>", prio) : 0;
	len += snprintf(line + len, sizeof(line) - len, "vrrpctl: notify: ");
	va_start(ap, fmt);
	vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line);
}

static bool vrrp_notify_journal(void)
{
	const char *env = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!env || sscanf(env, "%llu:%llu", &dev, &ino) != 2 ||
	    fstat(STDERR_FILENO, &st))
		return false;
	return st.st_dev == dev && st.st_ino == ino;
}

/* "state eth0 vrid 10 inet backup -> active reason active-down" */
static void vrrp_notify_describe(const struct vrrp_notify_job *j, char *buf,
				 size_t len)
{
	snprintf(buf, len, "%s %s vrid %u %s %s -> %s reason %s",
		 vrrp_notify_event_name(j->event), j->ifname, j->vrid,
		 vrrp_family_name(j->family), vrrp_state_name(j->old_state),
		 vrrp_state_name(j->state), vrrp_reason_name(j->reason));
}

static void vrrp_notify_lose(struct vrrp_notify *n, const char *why)
{
	if (!n->lost)
		vrrp_notify_log(n, LOG_WARNING,
				"events lost (%s): the routers will be compared with a dump",
				why);
	n->lost = true;
}

static unsigned int vrrp_notify_hash(__u32 ifindex, __u8 family, __u8 vrid)
{
	return (ifindex * 31 + family * 7 + vrid) % VRRP_NOTIFY_BUCKETS;
}

static struct vrrp_notify_router *
vrrp_notify_find(struct vrrp_notify *n, const struct vrrp_router_info *r)
{
	struct vrrp_notify_router *vr;

	vr = n->routers[vrrp_notify_hash(r->ifindex, r->family, r->vrid)];
	for (; vr; vr = vr->next)
		if (vr->ifindex == r->ifindex && vr->family == r->family &&
		    vr->vrid == r->vrid)
			return vr;
	return NULL;
}

/* What a job needs of a router, as last seen. */
static void vrrp_notify_update(struct vrrp_notify_router *vr,
			       const struct vrrp_router_info *r)
{
	snprintf(vr->ifname, sizeof(vr->ifname), "%s", r->ifname);
	vr->state = r->state;
	vr->reason = r->reason;
	vr->priority = r->priority;
	vr->effective_priority = r->effective_priority;
	snprintf(vr->group, sizeof(vr->group), "%s", r->group);
}

static struct vrrp_notify_router *
vrrp_notify_learn(struct vrrp_notify *n, const struct vrrp_router_info *r)
{
	struct vrrp_notify_router *vr = calloc(1, sizeof(*vr));
	unsigned int h;

	if (!vr)
		return NULL;
	vr->ifindex = r->ifindex;
	vr->family = r->family;
	vr->vrid = r->vrid;
	vrrp_notify_update(vr, r);
	h = vrrp_notify_hash(r->ifindex, r->family, r->vrid);
	vr->next = n->routers[h];
	n->routers[h] = vr;
	n->nrouters++;
	return vr;
}

static void vrrp_notify_forget(struct vrrp_notify *n,
			       struct vrrp_notify_router *vr)
{
	struct vrrp_notify_router **p;

	p = &n->routers[vrrp_notify_hash(vr->ifindex, vr->family, vr->vrid)];
	for (; *p; p = &(*p)->next) {
		if (*p != vr)
			continue;
		*p = vr->next;
		n->nrouters--;
		free(vr);
		return;
	}
}

/*
 * Queue a run for router @vr (its new state already in it), @old being
 * the state the program was last told of, or for a router it has not
 * been told of, the state the kernel says it left. A run that only a
 * lost event could replace (@force false) waits for room in the queue;
 * what a dump found (@force true) always gets in: there is at most one
 * such run per router.
 *
 * Return: false when the event is lost (full queue, no memory).
 */
static bool vrrp_notify_queue(struct vrrp_notify *n,
			      enum vrrp_notify_event event, __u8 old,
			      const struct vrrp_notify_router *vr, bool force)
{
	struct vrrp_notify_job *j;
	char what[128];

	if (!force && n->queued >= n->queue_max) {
		vrrp_notify_lose(n, "the queue of runs is full");
		return false;
	}
	j = calloc(1, sizeof(*j));
	if (!j) {
		vrrp_notify_lose(n, strerror(ENOMEM));
		return false;
	}
	j->event = event;
	snprintf(j->ifname, sizeof(j->ifname), "%s", vr->ifname);
	j->vrid = vr->vrid;
	j->family = vr->family;
	j->old_state = old;
	j->state = vr->state;
	j->reason = vr->reason;
	j->priority = vr->priority;
	j->effective_priority = vr->effective_priority;
	snprintf(j->group, sizeof(j->group), "%s", vr->group);
	*n->tail = j;
	n->tail = &j->next;
	n->queued++;
	vrrp_notify_describe(j, what, sizeof(what));
	vrrp_notify_log(n, LOG_INFO, "%s", what);
	return true;
}

/**
 * vrrp_notify_event() - queue what an event from the kernel tells
 * @n: the notifier
 * @cmd: VRRP_CMD_STATE_NTF, VRRP_CMD_CHANGE_NTF or VRRP_CMD_DEL_NTF
 * @r: the router, as the event carries it
 *
 * An event is a snapshot of the router taken after its change: a run is
 * queued when its state or reason differs from what the program was last
 * told. A snapshot that says it again (an event older than the dump at
 * start, a change of configuration) runs nothing.
 */
void vrrp_notify_event(struct vrrp_notify *n, __u8 cmd,
		       const struct vrrp_router_info *r)
{
	struct vrrp_notify_router *vr = vrrp_notify_find(n, r);
	struct vrrp_notify_router was;
	__u8 old;

	if (cmd == VRRP_CMD_DEL_NTF) {
		/* Never reported: nothing to take back. */
		if (!vr)
			return;
		old = vr->state;
		vrrp_notify_update(vr, r);
		/* Lost or not, the program hears of it from no dump. */
		vrrp_notify_queue(n, VRRP_NOTIFY_DEL, old, vr, true);
		vrrp_notify_forget(n, vr);
		return;
	}
	if (!vr) {
		vr = vrrp_notify_learn(n, r);
		if (!vr) {
			vrrp_notify_lose(n, strerror(ENOMEM));
			return;
		}
		/* Not queued: the dump after the loss reports it. */
		if (!vrrp_notify_queue(n, VRRP_NOTIFY_ADD, r->old_state, vr,
				       false))
			vrrp_notify_forget(n, vr);
		return;
	}
	if (vr->state == r->state && vr->reason == r->reason) {
		vrrp_notify_update(vr, r);
		return;
	}
	was = *vr;
	vrrp_notify_update(vr, r);
	if (!vrrp_notify_queue(n, VRRP_NOTIFY_STATE, was.state, vr, false))
		*vr = was;
}

/**
 * vrrp_notify_sync() - compare a dump with what the program was told
 * @n: the notifier
 * @list: every router of the namespace, as a dump found them
 * @how: %VRRP_NOTIFY_INITIAL at start (every router is new), else
 *	%VRRP_NOTIFY_RESYNC
 *
 * Queues a run for each router the program has not been told of
 * (initial, or add), for each whose state or reason differs (resync),
 * and for each it was told of that is gone (del, as the kernel would
 * have said it: Initialize, reason deleted). Whatever events were lost
 * before the dump, the program now knows what the dump says.
 */
void vrrp_notify_sync(struct vrrp_notify *n,
		      const struct vrrp_router_list *list,
		      enum vrrp_notify_event how)
{
	struct vrrp_notify_router *vr, *next;
	const struct vrrp_router_info *r;
	unsigned int i;
	size_t k;
	__u8 old;

	for (i = 0; i < VRRP_NOTIFY_BUCKETS; i++)
		for (vr = n->routers[i]; vr; vr = vr->next)
			vr->seen = false;
	for (k = 0; k < list->n; k++) {
		r = &list->r[k];
		vr = vrrp_notify_find(n, r);
		if (!vr) {
			vr = vrrp_notify_learn(n, r);
			if (!vr) {
				vrrp_notify_lose(n, strerror(ENOMEM));
				continue;
			}
			if (!vrrp_notify_queue(n, how == VRRP_NOTIFY_INITIAL ?
					       VRRP_NOTIFY_INITIAL :
					       VRRP_NOTIFY_ADD,
					       r->old_state, vr, true)) {
				vrrp_notify_forget(n, vr);
				continue;
			}
		} else if (vr->state != r->state || vr->reason != r->reason) {
			old = vr->state;
			vrrp_notify_update(vr, r);
			vrrp_notify_queue(n, VRRP_NOTIFY_RESYNC, old, vr, true);
		} else {
			vrrp_notify_update(vr, r);
		}
		vr->seen = true;
	}
	for (i = 0; i < VRRP_NOTIFY_BUCKETS; i++) {
		for (vr = n->routers[i]; vr; vr = next) {
			next = vr->next;
			if (vr->seen)
				continue;
			old = vr->state;
			vr->state = VRRP_STATE_INIT;
			vr->reason = VRRP_REASON_DELETED;
			vrrp_notify_queue(n, VRRP_NOTIFY_DEL, old, vr, true);
			vrrp_notify_forget(n, vr);
		}
	}
	n->lost = false;
}

static void vrrp_notify_signal(int sig)
{
	if (sig == SIGCHLD)
		vrrp_notify_child = 1;
	else
		vrrp_notify_stop = 1;
}

/**
 * vrrp_notify_init() - set up a notifier and its signals
 * @n: the notifier
 * @program: the program to run
 * @timeout_ms: how long one run may take, 0 for ever
 *
 * SIGINT, SIGTERM and SIGCHLD are blocked but while waiting in
 * vrrp_notify_step(), so that none is lost between a check and a wait.
 */
void vrrp_notify_init(struct vrrp_notify *n, const char *program,
		      unsigned long timeout_ms)
{
	struct sigaction sa;
	sigset_t block;

	memset(n, 0, sizeof(*n));
	n->program = program;
	n->timeout_ms = timeout_ms;
	n->journal = vrrp_notify_journal();
	n->tail = &n->head;
	n->queue_max = VRRP_NOTIFY_QUEUE_MAX;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = vrrp_notify_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &n->child_mask);
	n->wait_mask = n->child_mask;
	sigdelset(&n->wait_mask, SIGINT);
	sigdelset(&n->wait_mask, SIGTERM);
	sigdelset(&n->wait_mask, SIGCHLD);
}

static void vrrp_notify_drop_queue(struct vrrp_notify *n)
{
	struct vrrp_notify_job *j;

	while (n->head) {
		j = n->head;
		n->head = j->next;
		free(j);
	}
	n->tail = &n->head;
	n->queued = 0;
}

/**
 * vrrp_notify_fini() - free what a notifier holds
 * @n: the notifier; a running program is left to finish on its own
 */
void vrrp_notify_fini(struct vrrp_notify *n)
{
	struct vrrp_notify_router *vr;
	unsigned int i;

	vrrp_notify_drop_queue(n);
	free(n->running);
	n->running = NULL;
	for (i = 0; i < VRRP_NOTIFY_BUCKETS; i++) {
		while (n->routers[i]) {
			vr = n->routers[i];
			n->routers[i] = vr->next;
			free(vr);
		}
	}
	n->nrouters = 0;
	sigprocmask(SIG_SETMASK, &n->child_mask, NULL);
}

static void vrrp_ts_add_ms(struct timespec *ts, unsigned long ms)
{
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

/* @a - @b, or zero when @a is not later. */
static struct timespec vrrp_ts_left(const struct timespec *a,
				    const struct timespec *b)
{
	struct timespec d = { 0, 0 };

	if (a->tv_sec < b->tv_sec ||
	    (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec))
		return d;
	d.tv_sec = a->tv_sec - b->tv_sec;
	d.tv_nsec = a->tv_nsec - b->tv_nsec;
	if (d.tv_nsec < 0) {
		d.tv_sec--;
		d.tv_nsec += 1000000000;
	}
	return d;
}

/* In the child: become the job's program; never returns. */
static void vrrp_notify_exec(const struct vrrp_notify *n,
			     const struct vrrp_notify_job *j)
{
	const struct vrrp_script_args a = {
		.ifname = j->ifname,
		.vrid = j->vrid,
		.family = j->family,
		.old_state = j->old_state,
		.state = j->state,
		.reason = j->reason,
		.priority = j->priority,
		.effective_priority = j->effective_priority,
		.group = j->group,
		.event = vrrp_notify_event_name(j->event),
	};
	int fd;

	/* Its own process group: a timeout stops what it started too. */
	setpgid(0, 0);
	sigprocmask(SIG_SETMASK, &n->child_mask, NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	fd = open("/dev/null", O_RDONLY);
	if (fd > STDIN_FILENO) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	vrrp_script_exec(n->program, &a);
	vrrp_notify_log(n, LOG_ERR, "cannot run %s: %s", n->program,
			strerror(errno));
	_exit(127);
}

/* Start the program for the job at the head of the queue. */
static void vrrp_notify_start(struct vrrp_notify *n)
{
	struct vrrp_notify_job *j = n->head;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		vrrp_notify_log(n, LOG_ERR, "cannot run %s: %s (trying again)",
				n->program, strerror(errno));
		vrrp_notify_backoff = true;
		return;
	}
	if (!pid)
		vrrp_notify_exec(n, j);
	/* Both sides, so that the group exists whichever runs first. */
	setpgid(pid, pid);
	n->head = j->next;
	if (!n->head)
		n->tail = &n->head;
	n->queued--;
	n->running = j;
	n->pid = pid;
	n->term_sent = false;
	clock_gettime(CLOCK_MONOTONIC, &n->deadline);
	vrrp_ts_add_ms(&n->deadline, n->timeout_ms);
}

/* The running job's program ended with @status. */
static void vrrp_notify_done(struct vrrp_notify *n, int status)
{
	char what[128];

	vrrp_notify_describe(n->running, what, sizeof(what));
	if (WIFEXITED(status) && WEXITSTATUS(status))
		vrrp_notify_log(n, LOG_WARNING, "%s exited with status %d (%s)",
				n->program, WEXITSTATUS(status), what);
	else if (WIFSIGNALED(status) && !n->term_sent)
		vrrp_notify_log(n, LOG_WARNING, "%s killed by signal %s (%s)",
				n->program, strsignal(WTERMSIG(status)), what);
	free(n->running);
	n->running = NULL;
	n->pid = 0;
}

static void vrrp_notify_reap(struct vrrp_notify *n)
{
	int status;
	pid_t pid;

	vrrp_notify_child = 0;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		if (n->pid && pid == n->pid)
			vrrp_notify_done(n, status);
}

/* Past the deadline: SIGTERM, and SIGKILL if that was not enough. */
static void vrrp_notify_deadline(struct vrrp_notify *n)
{
	struct timespec now, left;
	char what[128];
	int sig = n->term_sent ? SIGKILL : SIGTERM;

	clock_gettime(CLOCK_MONOTONIC, &now);
	left = vrrp_ts_left(&n->deadline, &now);
	if (left.tv_sec || left.tv_nsec)
		return;
	vrrp_notify_describe(n->running, what, sizeof(what));
	if (!n->term_sent)
		vrrp_notify_log(n, LOG_ERR,
				"%s timed out after %lu ms, sending SIGTERM (%s)",
				n->program, n->timeout_ms, what);
	else
		vrrp_notify_log(n, LOG_ERR,
				"%s still running %d ms after SIGTERM, sending SIGKILL (%s)",
				n->program, VRRP_NOTIFY_KILL_MS, what);
	kill(-n->pid, sig);
	kill(n->pid, sig);
	n->term_sent = true;
	n->deadline = now;
	vrrp_ts_add_ms(&n->deadline, VRRP_NOTIFY_KILL_MS);
}

/**
 * vrrp_notify_step() - run the queue and wait for something to happen
 * @n: the notifier
 * @pfd: a descriptor to wait for (its revents are set), or NULL
 *
 * Starts the program for the next job when none runs (unless stopping),
 * waits for @pfd, a signal, or the running program's deadline, then
 * collects a program that ended and stops one past its deadline.
 *
 * Return: 0, or -1 when the wait failed.
 */
int vrrp_notify_step(struct vrrp_notify *n, struct pollfd *pfd)
{
	struct timespec now, left, *tmo = NULL;

	if (!n->pid && n->head && !vrrp_notify_stop && !vrrp_notify_backoff)
		vrrp_notify_start(n);
	if (vrrp_notify_backoff) {
		left.tv_sec = VRRP_NOTIFY_RETRY_MS / 1000;
		left.tv_nsec = 0;
		tmo = &left;
		vrrp_notify_backoff = false;
	} else if (n->pid && (n->timeout_ms || n->term_sent)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = vrrp_ts_left(&n->deadline, &now);
		tmo = &left;
	}
	if (pfd)
		pfd->revents = 0;
	if (ppoll(pfd, pfd ? 1 : 0, tmo, &n->wait_mask) < 0 &&
	    errno != EINTR) {
		vrrp_notify_log(n, LOG_ERR, "poll: %s", strerror(errno));
		return -1;
	}
	if (vrrp_notify_child)
		vrrp_notify_reap(n);
	if (n->pid && (n->timeout_ms || n->term_sent))
		vrrp_notify_deadline(n);
	return 0;
}

/**
 * struct vrrp_notifier - the notifier and its two sockets
 * @n: the queue and what the program was told
 * @ev: the socket in the events group (and nlctrl's, to see the
 *	module go and come back)
 * @dump: the socket the dumps go through, so that no reply of a dump
 *	mixes with the events
 * @resync_failed: the last dump failed: try again when events arrive
 * @deaf: the events group of a reloaded module cannot be joined
 */
struct vrrp_notifier {
	struct vrrp_notify n;
	struct vrrp_nl ev;
	struct vrrp_nl dump;
	bool resync_failed;
	bool deaf;
};

/* nlctrl: the vrrp family went away (module unloaded) or came back. */
static int vrrp_notifier_ctrl(struct vrrp_notifier *w, struct nlmsghdr *nlh)
{
	struct genlmsghdr *ghdr = nlmsg_data(nlh);
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct vrrp_router_list none = { 0 };
	char name[GENL_NAMSIZ];
	int grp;

	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_NAME])
		return NL_SKIP;
	nla_strlcpy(name, tb[CTRL_ATTR_FAMILY_NAME], sizeof(name));
	if (strcmp(name, VRRP_FAMILY_NAME))
		return NL_SKIP;
	if (ghdr->cmd == CTRL_CMD_DELFAMILY) {
		vrrp_notify_log(&w->n, LOG_WARNING,
				"the vrrp module was unloaded: its routers are gone");
		vrrp_notify_sync(&w->n, &none, VRRP_NOTIFY_RESYNC);
		return NL_OK;
	}
	if (ghdr->cmd != CTRL_CMD_NEWFAMILY || !tb[CTRL_ATTR_FAMILY_ID])
		return NL_SKIP;
	w->ev.family = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	w->dump.family = w->ev.family;
	grp = genl_ctrl_resolve_grp(w->dump.sk, VRRP_FAMILY_NAME,
				    VRRP_MCGRP_EVENTS);
	if (grp < 0 || nl_socket_add_membership(w->ev.sk, grp) < 0) {
		vrrp_notify_log(&w->n, LOG_ERR,
				"the vrrp module was loaded again, but its events group cannot be joined");
		w->deaf = true;
		return NL_STOP;
	}
	vrrp_notify_log(&w->n, LOG_NOTICE,
			"the vrrp module was loaded again: listening");
	/* Routers made before the group was joined: from a dump. */
	w->n.lost = true;
	return NL_OK;
}

static int vrrp_notifier_msg(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct vrrp_notifier *w = arg;
	struct vrrp_router_info r;
	__u8 cmd;

	if (nlh->nlmsg_type == GENL_ID_CTRL)
		return vrrp_notifier_ctrl(w, nlh);
	if (nlh->nlmsg_type != w->ev.family)
		return NL_SKIP;
	cmd = ((struct genlmsghdr *)nlmsg_data(nlh))->cmd;
	if (cmd != VRRP_CMD_STATE_NTF && cmd != VRRP_CMD_CHANGE_NTF &&
	    cmd != VRRP_CMD_DEL_NTF)
		return NL_SKIP;
	memset(&r, 0, sizeof(r));
	if (vrrp_router_parse(&r, nlh))
		vrrp_notify_lose(&w->n, "an event could not be parsed");
	else
		vrrp_notify_event(&w->n, cmd, &r);
	vrrp_router_info_clear(&r);
	return NL_OK;
}

/*
 * Read the event socket: at most @budget messages, or until it is empty
 * (@budget 0). Return 1 when it is empty, 0 when there may be more, -1
 * on an error that ends the notifier.
 */
static int vrrp_notifier_read(struct vrrp_notifier *w, unsigned int budget)
{
	unsigned int i;
	int ret;

	for (i = 0; !budget || i < budget; i++) {
		ret = nl_recvmsgs_default(w->ev.sk);
		/* Rather than go on hearing nothing: a restart joins it. */
		if (w->deaf)
			return -1;
		if (ret >= 0)
			continue;
		if (ret == -NLE_AGAIN)
			return 1;
		/* ENOBUFS: the socket overran; what it holds is older. */
		if (ret == -NLE_NOMEM) {
			vrrp_notify_lose(&w->n, "receive buffer overrun");
			continue;
		}
		vrrp_notify_log(&w->n, LOG_ERR, "reading events: %s",
				nl_geterror(ret));
		return -1;
	}
	return 0;
}

/*
 * Events were lost: read what the socket still holds (older than what
 * was lost), then compare a dump with what the program was told.
 * Return 0, 1 when the dump failed (tried again on the next event), -1
 * on an error that ends the notifier.
 */
static int vrrp_notifier_resync(struct vrrp_notifier *w)
{
	struct vrrp_router_list list = { 0 };
	struct vrrp_nl_err err;

	if (vrrp_notifier_read(w, 0) < 0)
		return -1;
	if (vrrp_router_dump(&w->dump, 0, 0, 0, &list, &err)) {
		vrrp_nl_perror("notify: dump", &err);
		w->resync_failed = true;
		return 1;
	}
	vrrp_notify_log(&w->n, LOG_NOTICE,
			"comparing %zu routers with what %s was told",
			list.n, w->n.program);
	vrrp_notify_sync(&w->n, &list, VRRP_NOTIFY_RESYNC);
	vrrp_router_list_free(&list);
	return 0;
}

/* The event socket's receive buffer: @size, forced past rmem_max if root. */
static int vrrp_notifier_rcvbuf(struct vrrp_notifier *w, unsigned long size)
{
	int fd = nl_socket_get_fd(w->ev.sk);
	socklen_t len = sizeof(int);
	int val = size, got = 0;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &val, sizeof(val)) &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &val, sizeof(val)))
		vrrp_notify_log(&w->n, LOG_WARNING,
				"cannot set the receive buffer: %s",
				strerror(errno));
	getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len);
	return got;
}

static int vrrp_notifier_open(struct vrrp_notifier *w, unsigned long rcvbuf)
{
	int grp, size;

	/* The group first, then the dump: no change falls between. */
	if (vrrp_nl_open(&w->ev))
		return -1;
	if (vrrp_nl_subscribe(&w->ev))
		return -1;
	grp = genl_ctrl_resolve_grp(w->ev.sk, "nlctrl", "notify");
	if (grp < 0 || nl_socket_add_membership(w->ev.sk, grp) < 0)
		vrrp_notify_log(&w->n, LOG_WARNING,
				"cannot join nlctrl's notify group: a module reload will go unseen");
	size = vrrp_notifier_rcvbuf(w, rcvbuf);
	nl_socket_modify_cb(w->ev.sk, NL_CB_VALID, NL_CB_CUSTOM,
			    vrrp_notifier_msg, w);
	nl_socket_set_nonblocking(w->ev.sk);
	if (vrrp_nl_open(&w->dump))
		return -1;
	/* Not for the program. */
	fcntl(nl_socket_get_fd(w->ev.sk), F_SETFD, FD_CLOEXEC);
	fcntl(nl_socket_get_fd(w->dump.sk), F_SETFD, FD_CLOEXEC);
	return size;
}

static int vrrp_notifier_loop(struct vrrp_notifier *w)
{
	struct vrrp_notify *n = &w->n;
	struct pollfd pfd;
	int ret;

	pfd.fd = nl_socket_get_fd(w->ev.sk);
	pfd.events = POLLIN;
	/* Stopping: no new run, but the one running ends (or times out). */
	while (!vrrp_notify_stop || n->pid) {
		if (vrrp_notify_stop && n->head) {
			vrrp_notify_log(n, LOG_NOTICE,
					"stopping: %u queued runs dropped (the next start reports the states)",
					n->queued);
			vrrp_notify_drop_queue(n);
		}
		if (vrrp_notify_step(n, vrrp_notify_stop ? NULL : &pfd))
			return -1;
		if (vrrp_notify_stop)
			continue;
		if (pfd.revents) {
			w->resync_failed = false;
			if (vrrp_notifier_read(w, VRRP_NOTIFY_READ_BUDGET) < 0)
				return -1;
		}
		/* Half the queue free: room for the events that follow. */
		if (n->lost && !w->resync_failed &&
		    n->queued <= n->queue_max / 2) {
			ret = vrrp_notifier_resync(w);
			if (ret < 0)
				return -1;
		}
	}
	return 0;
}

enum {
	VRRP_NOTIFY_KW_TIMEOUT,
	VRRP_NOTIFY_KW_RCVBUF,
};

/*
 * Whole words only: PROGRAM follows them and may be any name, so that
 * "t" is a program, not "timeout".
 */
static int vrrp_notify_kw(const char *s)
{
	if (!strcmp(s, "timeout"))
		return VRRP_NOTIFY_KW_TIMEOUT;
	if (!strcmp(s, "rcvbuf"))
		return VRRP_NOTIFY_KW_RCVBUF;
	return -1;
}

/**
 * vrrp_cmd_notify() - "vrrpctl notify": run a program on every change
 * @ctx: global options (-n)
 * @argc: number of words after "notify"
 * @argv: the words after "notify": [timeout MS] [rcvbuf BYTES] PROGRAM
 *
 * Return: an exit code: 0 when stopped by SIGINT or SIGTERM, 1 when the
 * module, the program or the sockets fail.
 */
int vrrp_cmd_notify(struct vrrp_ctx *ctx, int argc, char **argv)
{
	unsigned long timeout = VRRP_NOTIFY_TIMEOUT_MS;
	unsigned long rcvbuf = VRRP_NOTIFY_RCVBUF;
	struct vrrp_router_list list = { 0 };
	const char *program = NULL, *val;
	struct vrrp_notifier *w;
	struct vrrp_nl_err err;
	int i, ret, size;

	for (i = 0; i < argc; i++) {
		if (program) {
			vrrp_err("notify: unexpected \"%s\" after the program",
				 argv[i]);
			return VRRP_EXIT_USAGE;
		}
		switch (vrrp_notify_kw(argv[i])) {
		case VRRP_NOTIFY_KW_TIMEOUT:
			val = vrrp_arg_value(argc, argv, &i);
			if (!val)
				return VRRP_EXIT_USAGE;
			if (!vrrp_ms_value(val, VRRP_NOTIFY_TIMEOUT_MAX_MS,
					   &timeout)) {
				vrrp_err("notify: invalid timeout \"%s\": a time of at most 24 hours (0: none)",
					 val);
				return VRRP_EXIT_USAGE;
			}
			break;
		case VRRP_NOTIFY_KW_RCVBUF:
			val = vrrp_arg_value(argc, argv, &i);
			if (!val)
				return VRRP_EXIT_USAGE;
			if (!vrrp_parse_uint(val, INT_MAX, &rcvbuf) || !rcvbuf) {
				vrrp_err("notify: invalid rcvbuf \"%s\": must be 1-%d",
					 val, INT_MAX);
				return VRRP_EXIT_USAGE;
			}
			break;
		default:
			program = argv[i];
			if (!*program) {
				vrrp_err("notify: empty program name");
				return VRRP_EXIT_USAGE;
			}
		}
	}
	if (!program) {
		vrrp_err("notify: missing PROGRAM");
		return VRRP_EXIT_USAGE;
	}
	/* -check: the command was read and checked; nothing is sent. */
	if (ctx->check)
		return VRRP_EXIT_OK;
	/* Found in PATH when each run starts; a path is checked now. */
	if (strchr(program, '/') && access(program, X_OK)) {
		vrrp_err("notify: cannot run %s: %s", program, strerror(errno));
		return VRRP_EXIT_FAIL;
	}
	if (vrrp_netns_enter(ctx->netns))
		return VRRP_EXIT_FAIL;

	w = calloc(1, sizeof(*w));
	if (!w) {
		vrrp_err("notify: %s", strerror(ENOMEM));
		return VRRP_EXIT_FAIL;
	}
	vrrp_notify_init(&w->n, program, timeout);
	ret = VRRP_EXIT_FAIL;
	size = vrrp_notifier_open(w, rcvbuf);
	if (size < 0)
		goto out;
	if (vrrp_router_dump(&w->dump, 0, 0, 0, &list, &err)) {
		vrrp_nl_perror("notify: dump", &err);
		goto out;
	}
	vrrp_notify_log(&w->n, LOG_NOTICE,
			"running %s for %zu routers (receive buffer %d bytes, timeout %lu ms)",
			program, list.n, size, timeout);
	vrrp_notify_sync(&w->n, &list, VRRP_NOTIFY_INITIAL);
	vrrp_router_list_free(&list);
	if (!vrrp_notifier_loop(w))
		ret = VRRP_EXIT_OK;
out:
	vrrp_nl_close(&w->dump);
	vrrp_nl_close(&w->ev);
	vrrp_notify_fini(&w->n);
	free(w);
	return ret;
}
