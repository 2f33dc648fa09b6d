// SPDX-License-Identifier: GPL-2.0
/*
 * probe - a UDP probe stream for the failover benchmark.
 *
 *   probe -s [-p PORT] [-R RTPRIO]
 *	echo server: send every datagram back to where it came from.
 *
 *   probe -c ADDR [-p PORT] [-r RATE] [-f STATUSFILE] [-R RTPRIO]
 *	client: send RATE probes per second (default 1000), each carrying a
 *	sequence number and its CLOCK_MONOTONIC send time, and take the
 *	echoes. Every 50 ms the number of replies so far is written to
 *	STATUSFILE (one line, rewritten in place), so that a shell script
 *	can poll it without starting a process. -R runs it SCHED_FIFO at
 *	RTPRIO, so that its timestamps do not wait for the scheduler (it
 *	sleeps between probes). On SIGINT or SIGTERM print
 *	one JSON line and exit:
 *
 *	sent, received	probes sent, replies received
 *	lost		probes sent before the last answered one that got
 *			no reply (those sent after it are in flight when
 *			the prober stops, not lost)
 *	outage_ms	the longest gap between the send times of two
 *			consecutive answered probes with at least one
 *			unanswered probe between them (0: none lost)
 *	rx_gap_ms	the longest gap between two replies' arrivals,
 *			whatever its cause
 *	outage_start	CLOCK_REALTIME (s) of the last answered probe
 *			before the longest gap
 *	late_ms		the longest delay of a send behind its schedule
 *			(a starved prober shows here, not as an outage)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/types.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct probe_msg {
	__u64 seq;
	__u64 tx_ns;
};

/* SIGINT and SIGTERM arrive on this descriptor (poll it to stop). */
static int probe_sigfd = -1;

static __u64 probe_now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (__u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int probe_server(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct pollfd pfd[2];
	struct sockaddr_in from;
	socklen_t flen;
	char buf[2048];
	ssize_t n;
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	a.sin_port = htons(port);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("probe: server socket");
		return 1;
	}
	pfd[0].fd = fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = probe_sigfd;
	pfd[1].events = POLLIN;
	while (!pfd[1].revents) {
		if (poll(pfd, 2, -1) < 0 && errno != EINTR) {
			perror("probe: poll");
			return 1;
		}
		for (;;) {
			flen = sizeof(from);
			n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &flen);
			if (n < 0)
				break;
			sendto(fd, buf, n, 0, (struct sockaddr *)&from, flen);
		}
	}
	return 0;
}

static void probe_status(int sfd, uint64_t received)
{
	char line[32];
	int len;

	if (sfd < 0)
		return;
	len = snprintf(line, sizeof(line), "%llu\n",
		       (unsigned long long)received);
	if (pwrite(sfd, line, len, 0) != len)
		return;
	if (ftruncate(sfd, len))
		return;
}

static int probe_client(const char *addr, int port, int rate,
			const char *status)
{
	__s64 rt_off = probe_now(CLOCK_REALTIME) - probe_now(CLOCK_MONOTONIC);
	__u64 sent = 0, received = 0, last_tx = 0, last_rx = 0, last_seq = 0;
	__u64 outage = 0, rx_gap = 0, late = 0, outage_at = 0;
	__u64 period = 1000000000ull / rate, next, now, next_status;
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct probe_msg m;
	struct timespec wait;
	struct pollfd pfd[2];
	int fd, sfd = -1;
	ssize_t n;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	a.sin_port = htons(port);
	if (fd < 0 || inet_pton(AF_INET, addr, &a.sin_addr) != 1 ||
	    connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("probe: client socket");
		return 1;
	}
	if (status) {
		sfd = open(status, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (sfd < 0) {
			perror(status);
			return 1;
		}
		probe_status(sfd, 0);
	}
	pfd[0].fd = fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = probe_sigfd;
	pfd[1].events = POLLIN;
	pfd[1].revents = 0;
	next = probe_now(CLOCK_MONOTONIC);
	next_status = next;
	while (!pfd[1].revents) {
		now = probe_now(CLOCK_MONOTONIC);
		if (now >= next) {
			if (now - next > late)
				late = now - next;
			m.seq = sent++;
			m.tx_ns = now;
			/* ENOBUFS/EHOSTUNREACH while the gateway moves: lost. */
			if (send(fd, &m, sizeof(m), 0) < 0 && errno == EBADF)
				return 1;
			next += period;
			/* A starved sender does not burst to catch up. */
			if (next < now)
				next = now + period;
		}
		if (now >= next_status) {
			probe_status(sfd, received);
			next_status = now + 50000000ull;
		}
		now = probe_now(CLOCK_MONOTONIC);
		if (next > now) {
			wait.tv_sec = (next - now) / 1000000000ull;
			wait.tv_nsec = (next - now) % 1000000000ull;
			ppoll(pfd, 2, &wait, NULL);
		}
		while ((n = recv(fd, &m, sizeof(m), 0)) == sizeof(m)) {
			now = probe_now(CLOCK_MONOTONIC);
			/*
			 * An outage spans lost probes: a gap without loss is
			 * the sender stalling (late_ms), not the network.
			 */
			if (received && m.seq > last_seq + 1 &&
			    m.tx_ns - last_tx > outage) {
				outage = m.tx_ns - last_tx;
				outage_at = last_tx;
			}
			if (received && now - last_rx > rx_gap)
				rx_gap = now - last_rx;
			if (!received || m.seq > last_seq) {
				last_seq = m.seq;
				last_tx = m.tx_ns;
			}
			last_rx = now;
			received++;
		}
	}
	probe_status(sfd, received);
	printf("{\"sent\": %llu, \"received\": %llu, \"lost\": %llu, ",
	       (unsigned long long)sent, (unsigned long long)received,
	       (unsigned long long)(received && last_seq + 1 > received ?
				    last_seq + 1 - received : 0));
	printf("\"outage_ms\": %.3f, \"rx_gap_ms\": %.3f, ",
	       outage / 1e6, rx_gap / 1e6);
	printf("\"outage_start\": %.6f, \"late_ms\": %.3f}\n",
	       outage_at ? (outage_at + rt_off) / 1e9 : 0.0, late / 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	const char *addr = NULL, *status = NULL;
	int opt, port = 7777, rate = 1000, server = 0, rtprio = 0;
	struct sched_param sp = { 0 };
	sigset_t sigs;

	while ((opt = getopt(argc, argv, "sc:p:r:f:R:")) != -1) {
		switch (opt) {
		case 's':
			server = 1;
			break;
		case 'c':
			addr = optarg;
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 'r':
			rate = atoi(optarg);
			break;
		case 'f':
			status = optarg;
			break;
		case 'R':
			rtprio = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (port <= 0 || port > 65535 || rate <= 0 || (!server && !addr))
		goto usage;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	probe_sigfd = signalfd(-1, &sigs, SFD_NONBLOCK);
	if (probe_sigfd < 0) {
		perror("probe: signalfd");
		return 1;
	}
	sp.sched_priority = rtprio;
	if (rtprio && sched_setscheduler(0, SCHED_FIFO, &sp))
		perror("probe: SCHED_FIFO");
	setvbuf(stdout, NULL, _IOLBF, 0);
	return server ? probe_server(port) : probe_client(addr, port, rate,
							  status);
usage:
	fputs("usage: probe -s [-p PORT] [-R RTPRIO]\n", stderr);
	fputs("       probe -c ADDR [-p PORT] [-r RATE] [-f STATUS] [-R RTPRIO]\n",
	      stderr);
	return 2;
}
