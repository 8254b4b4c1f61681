// Service Bus for on-premises sites: the app puts jobs for a site's Slurm cluster on `site-jobs`
// with one session per project (SessionId = project id), so one agent at a time holds a project's
// jobs and takes them in order, and MessageId = job id, so duplicate detection drops a request the
// app sends twice (a retried orchestration step). Agents report on `site-reports`, which the app
// reads. Standard tier is the cheapest with sessions and duplicate detection. Local (SAS key) auth
// is off: the app and the site agents authenticate with Entra ID.

param location string
param tags object
param name string
param siteJobsQueueName string
param siteReportsQueueName string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }

  resource siteJobs 'queues' = {
    name: siteJobsQueueName
    properties: {
      requiresSession: true
      // The agent renews the session lock every half lease (SiteAgent:Lease, at most this).
      lockDuration: 'PT5M'
      maxDeliveryCount: 10
      defaultMessageTimeToLive: 'P7D'
      deadLetteringOnMessageExpiration: true
      // Fixed at creation; a day covers an orchestration retrying a step long after the first send.
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: 'P1D'
    }
  }

  resource siteReports 'queues' = {
    name: siteReportsQueueName
    properties: {
      lockDuration: 'PT1M'
      maxDeliveryCount: 10
      defaultMessageTimeToLive: 'P7D'
      deadLetteringOnMessageExpiration: true
    }
  }
}

output name string = namespace.name
// The endpoint is https://<host>:443/; the SDK wants just the host.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
output siteJobsQueueName string = namespace::siteJobs.name
output siteReportsQueueName string = namespace::siteReports.name
