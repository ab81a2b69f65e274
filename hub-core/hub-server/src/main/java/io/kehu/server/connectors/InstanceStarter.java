package io.kehu.server.connectors;

import io.kehu.api.HubException;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.SourceTask;

/**
 * Starts one instance of a type and stops it again: a source's task, routes and work queue, or a
 * destination's task and its deliveries. A start that fails leaves nothing running behind.
 */
final class InstanceStarter {

    private final InstanceServices hub;

    InstanceStarter(InstanceServices hub) {
        this.hub = hub;
    }

    /** A running destination instance: its task, context and deliveries. */
    record DestinationRun(DestinationTask task, DestinationInstanceContext context, DeliveryRunner.Handle deliveries) {
    }

    ConnectorRegistry.Running startSource(InstanceDefinition def, ConnectorTypes.Type type) {
        ConnectorConfig config = type.config(def.config());
        InstanceContext ctx = new InstanceContext(def.id(), type.pluginId(), config, hub);
        SourceTask task = null;
        try (var mdc = ctx.mdc()) {
            task = type.source().start(ctx);
            ctx.startWork(task.workHandler());
            return new ConnectorRegistry.Running(task, ctx);
        } catch (RuntimeException e) {
            ctx.removeRoutes();
            ctx.stopWork();
            if (task != null) {
                task.close();
            }
            throw failure(def, e);
        }
    }

    DestinationRun startDestination(InstanceDefinition def, ConnectorTypes.Type type) {
        ConnectorConfig config = type.config(def.config());
        DestinationInstanceContext ctx = new DestinationInstanceContext(def.id(), type.pluginId(), config, hub.state(),
                hub.secretBox(), new InstanceMetrics(def.id(), type.pluginId(), hub.meters()),
                DailyBudgetSettings.of(def.config()));
        DestinationTask task = null;
        try (var mdc = ctx.mdc()) {
            task = type.destination().start(ctx);
            return new DestinationRun(task, ctx, hub.deliveries().start(ctx, task));
        } catch (RuntimeException e) {
            if (task != null) {
                task.close();
            }
            throw failure(def, e);
        }
    }

    /** Stops a source; returns the error it stopped with, or null. */
    String stop(ConnectorRegistry.Running r) {
        try (var mdc = r.context().mdc()) {
            r.context().removeRoutes();
            r.context().stopWork();
            r.task().close();
            return null;
        } catch (RuntimeException e) {
            return "Error while stopping: " + e.getMessage();
        }
    }

    /** Stops the deliveries first, so the batch in flight is answered and stored before the task closes. */
    String stop(DestinationRun r) {
        try (var mdc = r.context().mdc()) {
            r.deliveries().stop();
            r.task().close();
            return null;
        } catch (RuntimeException e) {
            return "Error while stopping: " + e.getMessage();
        }
    }

    private static HubException failure(InstanceDefinition def, RuntimeException e) {
        return e instanceof HubException h ? h : new HubException(HubException.Kind.BUG,
                "Connector " + def.id() + " failed to start: " + e.getMessage(), e);
    }
}
