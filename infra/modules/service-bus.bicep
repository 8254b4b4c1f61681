// Service Bus for on-premises sites: the app puts jobs for a site's Slurm cluster on `site-jobs`,
// one session per site (SessionId = site id), and each site agent accepts only its own session.
// Standard tier is the cheapest with sessions. Local (SAS key) auth is off: the app and the site
// agents authenticate with Entra ID.

param location string
param tags object
param name string
param siteJobsQueueName string

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
      lockDuration: 'PT5M'
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
