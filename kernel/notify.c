// SPDX-License-Identifier: GPL-2.0
/*
 * What follows from the interfaces underneath: the netdevice notifier
 * hands link changes, MTU changes, a new master and unregistration to the
 * port and the routers of the device, and the events of every device to
 * the tracking of interfaces (by name: registration and renames too).
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "vrrp.h"

/*
 * The module is unloading: the notifier's NETDEV_UNREGISTER is a replay,
 * and no drain may start (drain.c). Set before the replay, under rtnl.
 */
bool vrrp_unloading;

static int vrrp_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct netdev_notifier_changeupper_info *info;
	struct vrrp_router *r, *tmp;
	struct vrrp_port *port;

	port = vrrp_port_lookup_rtnl(dev);
	if (!port)
		goto track;

	switch (event) {
	case NETDEV_PRECHANGEUPPER:
		/* A bridge, bond or team master would take the port's frames
		 * (see vrrp_port_get()); a VRF would not.
		 */
		info = ptr;
		if (info->linking && info->master &&
		    !netif_is_l3_master(info->upper_dev)) {
			/* Drains only: the port's frames go to the master. */
			if (list_empty(&port->list)) {
				vrrp_drain_flush_rtnl(port);
				break;
			}
			NL_SET_ERR_MSG(netdev_notifier_info_to_extack(ptr),
				       "vrrp: the interface has virtual routers: delete them first");
			return notifier_from_errno(-EBUSY);
		}
		break;
	case NETDEV_GOING_DOWN:
		/* Drains forward nothing more; the port may go with them. */
		if (vrrp_drain_flush_rtnl(port))
			break;
		/* Planned: the link still works for a priority-0 goodbye. */
		list_for_each_entry(r, &port->list, port_node)
			vrrp_fsm_shutdown(r, VRRP_STOP_DIRECT,
					  VRRP_REASON_LINK_DOWN);
		break;
	case NETDEV_UP:
	case NETDEV_CHANGE:
		/* Drains forward nothing over a link that is down. */
		if (!vrrp_link_ok(dev) && vrrp_drain_flush_rtnl(port))
			break;
		list_for_each_entry(r, &port->list, port_node) {
			if (vrrp_link_ok(dev))
				vrrp_fsm_startup(r);
			else
				vrrp_fsm_shutdown(r, VRRP_STOP_SILENT,
						  VRRP_REASON_LINK_DOWN);
		}
		break;
	case NETDEV_CHANGEMTU:
		vrrp_port_mtu_changed(port);
		break;
	case NETDEV_UNREGISTER:
		/* Also seen when the device moves to another namespace; and
		 * replayed for every device when the module unloads, which
		 * leaves the device and its addresses where they are.
		 */
		port->gone = !vrrp_unloading;
		/* Drains first: the last router deleted releases the port. */
		if (vrrp_drain_flush_rtnl(port))
			break;
		list_for_each_entry_safe(r, tmp, &port->list, port_node)
			vrrp_router_delete(r);
		break;
	}
track:
	switch (event) {
	case NETDEV_REGISTER:
	case NETDEV_CHANGENAME:
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
	case NETDEV_UNREGISTER:
		vrrp_track_netdev(dev, event);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vrrp_netdev_notifier = {
	.notifier_call = vrrp_netdev_event,
};

/**
 * vrrp_notify_init() - register the netdevice notifier
 *
 * After vrrp_router_init(): the notifier reads the per-namespace data.
 *
 * Return: 0 or a negative errno.
 */
int vrrp_notify_init(void)
{
	return register_netdevice_notifier(&vrrp_netdev_notifier);
}

/**
 * vrrp_notify_exit() - unregister the netdevice notifier
 *
 * Before vrrp_router_exit(), while the per-namespace data the notifier
 * reads still exists. Unregistering replays NETDEV_GOING_DOWN and
 * NETDEV_UNREGISTER for every device: the routers on them, stopped by
 * vrrp_drain_unload() after their priority-0 goodbye, are deleted there,
 * and the drains left end.
 */
void vrrp_notify_exit(void)
{
	/* Ordered before the replay by rtnl, which the unregister takes. */
	vrrp_unloading = true;
	unregister_netdevice_notifier(&vrrp_netdev_notifier);
}
