/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "vrrpctl notify": run a program for every state change of the virtual
 * routers, in order, from a start that reports every router's state. The
 * bookkeeping and the program runner are declared here for
 * tests/notify-test, which drives them without the kernel.
 */
#ifndef _VRRPCTL_NOTIFY_H
#define _VRRPCTL_NOTIFY_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <time.h>
#include <net/if.h>
#include <sys/types.h>
#include <linux/types.h>
#include <linux/vrrp.h>

#include "show.h"
#include "vrrpctl.h"

/*
 * Why the program runs; its last argument and VRRP_EVENT. The order is
 * that of vrrp_notify_event_names[].
 */
enum vrrp_notify_event {
	VRRP_NOTIFY_INITIAL,	/* the state at start */
	VRRP_NOTIFY_STATE,	/* a state event from the kernel */
	VRRP_NOTIFY_RESYNC,	/* a change found after events were lost */
	VRRP_NOTIFY_ADD,	/* a router created */
	VRRP_NOTIFY_DEL,	/* a router deleted */
};

/**
 * struct vrrp_notify_job - one run of the program, queued
 * @next: the next job, in the order they run
 * @event: why it runs
 * @ifname: interface name
 * @vrid: Virtual Router Identifier
 * @family: enum vrrp_family
 * @old_state: the state the program was last told (see vrrp_notify_queue())
 * @state: the new state
 * @reason: enum vrrp_reason of the new state
 * @priority: configured priority
 * @effective_priority: priority in force after tracking
 * @group: sync group name, empty for none
 */
struct vrrp_notify_job {
	struct vrrp_notify_job *next;
	enum vrrp_notify_event event;
	char ifname[IF_NAMESIZE];
	__u8 vrid;
	__u8 family;
	__u8 old_state;
	__u8 state;
	__u8 reason;
	__u8 priority;
	__u8 effective_priority;
	char group[VRRP_NAME_LEN_MAX + 1];
};

/**
 * struct vrrp_notify_router - a router the program has been told of
 * @next: the next router of the same hash bucket
 * @ifindex: interface index; with @family and @vrid, the router's key
 * @family: enum vrrp_family
 * @vrid: Virtual Router Identifier
 * @ifname: its interface's name, as last seen
 * @state: the last state queued for the program
 * @reason: the reason queued with it
 * @priority: configured priority, as last seen
 * @effective_priority: priority in force, as last seen
 * @group: sync group name, as last seen
 * @seen: found by the dump being compared (vrrp_notify_sync())
 */
struct vrrp_notify_router {
	struct vrrp_notify_router *next;
	__u32 ifindex;
	__u8 family;
	__u8 vrid;
	char ifname[IF_NAMESIZE];
	__u8 state;
	__u8 reason;
	__u8 priority;
	__u8 effective_priority;
	char group[VRRP_NAME_LEN_MAX + 1];
	bool seen;
};

#define VRRP_NOTIFY_BUCKETS	256

/**
 * struct vrrp_notify - the notifier's state
 * @program: the program to run, a path or a name looked up in PATH
 * @timeout_ms: how long a run may take before it is stopped, 0 for ever
 * @journal: stderr is the systemd journal: log lines carry a priority
 * @routers: what the program has been told, by router
 * @nrouters: number of entries in @routers
 * @head: the next job to run
 * @tail: where the next job queued goes
 * @queued: number of jobs in the queue
 * @queue_max: past this many jobs, events are dropped and counted as lost
 * @lost: events were lost (socket overrun, full queue, no memory): compare
 *	with a dump once the socket is read empty
 * @running: the job the program is running for, or NULL
 * @pid: the process running it (its process group too), or 0
 * @deadline: CLOCK_MONOTONIC time at which it is stopped
 * @term_sent: SIGTERM was sent at the deadline; SIGKILL comes next
 * @wait_mask: the signal mask while waiting (the signals let through)
 * @child_mask: the signal mask the program starts with
 */
struct vrrp_notify {
	const char *program;
	unsigned long timeout_ms;
	bool journal;
	struct vrrp_notify_router *routers[VRRP_NOTIFY_BUCKETS];
	unsigned int nrouters;
	struct vrrp_notify_job *head;
	struct vrrp_notify_job **tail;
	unsigned int queued;
	unsigned int queue_max;
	bool lost;
	struct vrrp_notify_job *running;
	pid_t pid;
	struct timespec deadline;
	bool term_sent;
	sigset_t wait_mask;
	sigset_t child_mask;
};

int vrrp_cmd_notify(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_notify;

void vrrp_notify_init(struct vrrp_notify *n, const char *program,
		      unsigned long timeout_ms);
void vrrp_notify_fini(struct vrrp_notify *n);
void vrrp_notify_event(struct vrrp_notify *n, __u8 cmd,
		       const struct vrrp_router_info *r);
void vrrp_notify_sync(struct vrrp_notify *n,
		      const struct vrrp_router_list *list,
		      enum vrrp_notify_event how);
int vrrp_notify_step(struct vrrp_notify *n, struct pollfd *pfd);
bool vrrp_notify_stopping(void);
const char *vrrp_notify_event_name(enum vrrp_notify_event event);

#endif /* _VRRPCTL_NOTIFY_H */
