/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of the kernel API for kernel/rx.c to compile in userspace:
 * every <linux/...> and <net/...> header rx.c and vrrp.h include is a
 * file in this directory that includes this one. Locks, RCU and
 * tracepoints are no-ops; the checksum helpers are RFC 1071 in C, with
 * the kernel's semantics (a zero result verifies).
 */
#ifndef _VRRP_FUZZ_KSHIM_H
#define _VRRP_FUZZ_KSHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef uint16_t __be16;
typedef uint32_t __be32;
typedef uint16_t __sum16;
typedef uint32_t __wsum;
typedef s64 ktime_t;
typedef unsigned int gfp_t;

#define IS_ENABLED(option)	0
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define READ_ONCE(x)	(x)
/* A kernel warning is a bug: the fuzzer reports it as a crash. */
#define WARN_ON_ONCE(cond)	({ bool __c = !!(cond); if (__c) abort(); __c; })
#define __packed	__attribute__((packed))
#define __rcu
#define __user
#define __force

#define ETH_ALEN	6
#define IPPROTO_IP	0
#define NET_RX_SUCCESS	0
#define NET_RX_DROP	1
#define INET6_PROTO_NOPOLICY	0x1
#define INET6_PROTO_FINAL	0x2

#define ntohs(x)	__builtin_bswap16(x)
#define htons(x)	__builtin_bswap16(x)
#define ntohl(x)	__builtin_bswap32(x)
#define htonl(x)	__builtin_bswap32(x)

struct in6_addr {
	union {
		u8	u6_addr8[16];
		__be32	u6_addr32[4];
	} in6_u;
};

struct list_head { struct list_head *next, *prev; };
struct hlist_node { struct hlist_node *next, **pprev; };
struct hlist_head { struct hlist_node *first; };
#define DECLARE_HASHTABLE(name, bits) struct hlist_head name[1 << (bits)]
struct rcu_head { void *next; void (*func)(struct rcu_head *); };
typedef struct { int refs; } refcount_t;
typedef struct { int locked; } spinlock_t;
typedef struct { s64 counter; } atomic64_t;
struct hrtimer { int armed; };
struct work_struct { int pending; };
struct delayed_work { struct work_struct work; };
typedef struct { int dummy; } netdevice_tracker;
struct nf_hook_ops { int dummy; };
struct netlink_ext_ack;
struct workqueue_struct;

struct net { int dummy; };
struct net_device {
	char		name[16];
	int		ifindex;
	struct net	*nd_net;
};

/* A clock that stands still: the v2-compat window is then "now" forever,
 * which is as good as any time for the validation ladder.
 */
static inline ktime_t ktime_get(void)
{
	return 0;
}

/* The tick stands still too (the fuzzed router never drains). */
static const unsigned long jiffies;

static inline bool time_before(unsigned long a, unsigned long b)
{
	return (long)(a - b) < 0;
}

static inline ktime_t ktime_add_ms(ktime_t t, u64 ms)
{
	return t + (ktime_t)ms * 1000000;
}

static inline bool ktime_before(ktime_t a, ktime_t b)
{
	return a < b;
}

static inline bool netif_running(const struct net_device *dev)
{
	return true;
}

static inline bool netif_carrier_ok(const struct net_device *dev)
{
	return true;
}

struct sk_buff {
	unsigned char		*data;
	unsigned int		len;
	unsigned int		headlen;	/* how much was pulled */
	struct net_device	*dev;
	void			*nh;	/* the IP header */
};

struct iphdr {
	u8	ihl_version;
	u8	tos;
	__be16	tot_len;
	__be16	id;
	__be16	frag_off;
	u8	ttl;
	u8	protocol;
	__sum16	check;
	__be32	saddr;
	__be32	daddr;
};

struct ipv6hdr {
	__be32		flow;
	__be16		payload_len;
	u8		nexthdr;
	u8		hop_limit;
	struct in6_addr	saddr;
	struct in6_addr	daddr;
};

struct net_protocol {
	int		(*handler)(struct sk_buff *skb);
	unsigned int	no_policy:1;
};

struct inet6_protocol {
	int		(*handler)(struct sk_buff *skb);
	unsigned int	flags;
};

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return skb->nh;
}

static inline struct ipv6hdr *ipv6_hdr(const struct sk_buff *skb)
{
	return skb->nh;
}

/*
 * The whole message is in one buffer here; the linear area is what was
 * pulled, so that the checksum of a longer message takes the
 * skb_checksum() path.
 */
static inline bool pskb_may_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return false;
	if (len > skb->headlen)
		skb->headlen = len;
	return true;
}

/* No VRF here: the packet's device is its own. */
static inline int inet_sdif(const struct sk_buff *skb)
{
	return 0;
}

static inline int inet6_sdif(const struct sk_buff *skb)
{
	return 0;
}

static inline struct net_device *dev_get_by_index_rcu(struct net *net,
							int ifindex)
{
	return NULL;
}

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->headlen;
}

void kfree_skb(struct sk_buff *skb);
void consume_skb(struct sk_buff *skb);

static inline struct net *dev_net(const struct net_device *dev)
{
	return dev->nd_net;
}

void *net_generic(const struct net *net, unsigned int id);

#define rcu_read_lock()		do { } while (0)
#define rcu_read_unlock()	do { } while (0)
#define rcu_dereference(p)	(p)
#define rcu_dereference_check(p, c)	(p)
#define lockdep_rtnl_is_held()	1
#define lockdep_is_held(l)	1
#define spin_lock(l)		((l)->locked++)
#define spin_unlock(l)		((l)->locked--)
#define synchronize_net()	do { } while (0)

static inline void atomic64_inc(atomic64_t *v)
{
	v->counter++;
}

static inline bool ipv6_addr_equal(const struct in6_addr *a,
				   const struct in6_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

#define struct_size(p, member, n) \
	(sizeof(*(p)) + (size_t)(n) * sizeof(*(p)->member))
#define min(a, b)		((a) < (b) ? (a) : (b))
#define GFP_KERNEL		0
#define kzalloc(size, gfp)	calloc(1, size)

#define pr_err(...)			fprintf(stderr, __VA_ARGS__)
#define net_warn_ratelimited(...)	do { } while (0)

int inet_add_protocol(const struct net_protocol *p, unsigned char n);
int inet_del_protocol(const struct net_protocol *p, unsigned char n);
int inet6_add_protocol(const struct inet6_protocol *p, unsigned char n);
int inet6_del_protocol(const struct inet6_protocol *p, unsigned char n);

/*
 * Checksums. A __wsum is a 32-bit partial sum of the big-endian 16-bit
 * words; csum_fold() returns its complement folded to 16 bits. The
 * kernel sums native words instead; either way a message verifies when
 * the result is zero, which is all rx.c asks.
 */
static inline u32 vrrp_shim_add(u32 a, u32 b)
{
	u64 s = (u64)a + b;

	return (u32)((s & 0xffffffff) + (s >> 32));
}

static inline __wsum csum_partial(const void *buf, int len, __wsum sum)
{
	const u8 *p = buf;
	u32 s = 0;
	int i;

	for (i = 0; i + 1 < len; i += 2)
		s = vrrp_shim_add(s, (u32)p[i] << 8 | p[i + 1]);
	if (len & 1)
		s = vrrp_shim_add(s, (u32)p[len - 1] << 8);
	return vrrp_shim_add(s, sum);
}

static inline __wsum skb_checksum(const struct sk_buff *skb, int offset,
				  int len, __wsum sum)
{
	return csum_partial(skb->data + offset, len, sum);
}

static inline __sum16 csum_fold(__wsum sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len,
					u8 proto, __wsum sum)
{
	sum = csum_partial(&saddr, 4, sum);
	sum = csum_partial(&daddr, 4, sum);
	sum = vrrp_shim_add(sum, len);
	sum = vrrp_shim_add(sum, proto);
	return csum_fold(sum);
}

static inline __sum16 csum_ipv6_magic(const struct in6_addr *saddr,
				      const struct in6_addr *daddr, u32 len,
				      u8 proto, __wsum sum)
{
	sum = csum_partial(saddr, 16, sum);
	sum = csum_partial(daddr, 16, sum);
	sum = vrrp_shim_add(sum, len >> 16);
	sum = vrrp_shim_add(sum, len & 0xffff);
	sum = vrrp_shim_add(sum, proto);
	return csum_fold(sum);
}

struct nf_hook_state;

/* Tracepoints compile to nothing. */
#define TP_PROTO(...)	__VA_ARGS__
#define TP_ARGS(...)	__VA_ARGS__
#define TRACE_EVENT(name, proto, args, tstruct, assign, print) \
	static inline void trace_##name(proto) { }
#define TRACE_DEFINE_ENUM(a)	_Static_assert(1, #a)

/* What kernel/compat.h defines for the module (not included here). */
#define VRRP_NF_EGRESS		1
#define VRRP_NHOOKS		2
#define VRRP_NET_PROTOCOL_NETNS

#endif /* _VRRP_FUZZ_KSHIM_H */
