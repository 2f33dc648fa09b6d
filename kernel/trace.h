/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints: state changes, health checks, advertisements sent, packets
 * dropped.
 *
 *   echo 1 > /sys/kernel/tracing/events/vrrp/enable
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM vrrp

#if !defined(_VRRP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _VRRP_TRACE_H

#include <linux/netdevice.h>
#include <linux/tracepoint.h>

#include "vrrp.h"

/*
 * The enumerators' values for tools that decode the print format from
 * the format files (perf, trace-cmd).
 */
VRRP_TRACE_DEFINE_ENUMS
TRACE_DEFINE_ENUM(VRRP_DROP_LENGTH);
TRACE_DEFINE_ENUM(VRRP_DROP_NO_ROUTER);
TRACE_DEFINE_ENUM(VRRP_DROP_TTL);
TRACE_DEFINE_ENUM(VRRP_DROP_CARP);
TRACE_DEFINE_ENUM(VRRP_DROP_VERSION);
TRACE_DEFINE_ENUM(VRRP_DROP_TYPE);
TRACE_DEFINE_ENUM(VRRP_DROP_CHECKSUM);
TRACE_DEFINE_ENUM(VRRP_DROP_INTERVAL);
TRACE_DEFINE_ENUM(VRRP_DROP_AUTH);
TRACE_DEFINE_ENUM(VRRP_DROP_PEER);
TRACE_DEFINE_ENUM(VRRP_DROP_OWNER);
TRACE_DEFINE_ENUM(VRRP_DROP_ADDRS);
TRACE_DEFINE_ENUM(VRRP_DROP_V2_IGNORED);
TRACE_DEFINE_ENUM(VRRP_DROP_ANYCAST);

/* The state and reason names are netlink's (names-gen.h) */
#define vrrp_show_state(s)	__print_symbolic(s, VRRP_STATE_SYMBOLS)
#define vrrp_show_reason(r)	__print_symbolic(r, VRRP_REASON_SYMBOLS)

#define vrrp_show_drop(d)						\
	__print_symbolic(d,						\
			 { VRRP_DROP_LENGTH, "length" },		\
			 { VRRP_DROP_NO_ROUTER, "no-router" },		\
			 { VRRP_DROP_TTL, "ttl" },			\
			 { VRRP_DROP_CARP, "carp" },			\
			 { VRRP_DROP_VERSION, "version" },		\
			 { VRRP_DROP_TYPE, "type" },			\
			 { VRRP_DROP_CHECKSUM, "checksum" },		\
			 { VRRP_DROP_INTERVAL, "interval" },		\
			 { VRRP_DROP_AUTH, "auth-type" },		\
			 { VRRP_DROP_PEER, "not-a-peer" },		\
			 { VRRP_DROP_OWNER, "owner" },			\
			 { VRRP_DROP_ADDRS, "address-list" },		\
			 { VRRP_DROP_V2_IGNORED, "v2-ignored" },	\
			 { VRRP_DROP_ANYCAST, "anycast" })

TRACE_EVENT(vrrp_state,
	    TP_PROTO(const struct vrrp_router *r, enum vrrp_state old,
		     enum vrrp_state new, enum vrrp_reason reason),
	    TP_ARGS(r, old, new, reason),
	    TP_STRUCT__entry(__field(int, ifindex)
			     __field(u8, family)
			     __field(u8, vrid)
			     __field(u8, old)
			     __field(u8, new)
			     __field(u8, reason)),
	    TP_fast_assign(__entry->ifindex = vrrp_dev(r)->ifindex;
			   __entry->family = r->family;
			   __entry->vrid = r->vrid;
			   __entry->old = old;
			   __entry->new = new;
			   __entry->reason = reason;),
	    TP_printk("ifindex=%d family=%u vrid=%u %s -> %s reason=%s",
		      __entry->ifindex, __entry->family, __entry->vrid,
		      vrrp_show_state(__entry->old),
		      vrrp_show_state(__entry->new),
		      vrrp_show_reason(__entry->reason))
);

/* A health check changed state: a report, or its lifetime ran out. */
TRACE_EVENT(vrrp_check,
	    TP_PROTO(const struct vrrp_router *r,
		     const struct vrrp_track_item *it),
	    TP_ARGS(r, it),
	    TP_STRUCT__entry(__field(int, ifindex)
			     __field(u8, family)
			     __field(u8, vrid)
			     __array(char, name, VRRP_NAMSIZ)
			     __field(bool, up)
			     __field(bool, expired)),
	    TP_fast_assign(__entry->ifindex = vrrp_dev(r)->ifindex;
			   __entry->family = r->family;
			   __entry->vrid = r->vrid;
			   memcpy(__entry->name, it->name, VRRP_NAMSIZ);
			   __entry->up = it->up;
			   __entry->expired = it->expired;),
	    TP_printk("ifindex=%d family=%u vrid=%u check=%s %s reason=%s",
		      __entry->ifindex, __entry->family, __entry->vrid,
		      __entry->name, __entry->up ? "up" : "down",
		      __entry->expired ? "expired" : "report")
);

TRACE_EVENT(vrrp_advert_tx,
	    TP_PROTO(const struct vrrp_router *r, u8 priority),
	    TP_ARGS(r, priority),
	    TP_STRUCT__entry(__field(int, ifindex)
			     __field(u8, family)
			     __field(u8, vrid)
			     __field(u8, priority)),
	    TP_fast_assign(__entry->ifindex = vrrp_dev(r)->ifindex;
			   __entry->family = r->family;
			   __entry->vrid = r->vrid;
			   __entry->priority = priority;),
	    TP_printk("ifindex=%d family=%u vrid=%u priority=%u",
		      __entry->ifindex, __entry->family, __entry->vrid,
		      __entry->priority)
);

TRACE_EVENT(vrrp_drop,
	    TP_PROTO(const struct net_device *dev, u8 family, u8 vrid,
		     enum vrrp_drop why),
	    TP_ARGS(dev, family, vrid, why),
	    TP_STRUCT__entry(__field(int, ifindex)
			     __field(u8, family)
			     __field(u8, vrid)
			     __field(u8, why)),
	    TP_fast_assign(__entry->ifindex = dev->ifindex;
			   __entry->family = family;
			   __entry->vrid = vrid;
			   __entry->why = why;),
	    TP_printk("ifindex=%d family=%u vrid=%u reason=%s",
		      __entry->ifindex, __entry->family, __entry->vrid,
		      vrrp_show_drop(__entry->why))
);

#endif /* _VRRP_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
