/**
 * The browser session of a service that serves a page (backend-for-frontend): which OIDC tenant a
 * request uses, the CSRF check, the session answer and the message bundles. Shared by the worker
 * app (alarm-service) and the dispatcher console (dispatch-service).
 *
 * <p>Plain classes only, without CDI or JAX-RS annotations: contract is indexed in every service
 * (it has a beans.xml), so an annotated class here would become a bean, filter or endpoint in
 * registry-service too. Each service that serves a page declares thin annotated subclasses or
 * delegates in its own {@code web} package.
 */
package nl.alarmcentral.contract.web;
