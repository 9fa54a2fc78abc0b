/**
 * The language tour of the product design (every construct of the language), embedded because the test suite
 * reads nothing outside this repository. It must parse, check clean and be a fixed point of the formatter.
 */
export const LANGUAGE_TOUR = `/**
 * tour.resil: every construct of the Resil language in one design.
 * The design is meant to be resilient: it must parse and link with no error,
 * and \`resil check\` must report no error and no warning on it (infos are fine).
 */
system Checkout "Card checkout for a web shop" {

  // Requirements: each one is checked by simulating the failures it names.
  require availability 99.95%            // estimated availability of every entry point
  require survive az-loss                // any one AZ of any region may fail
  require survive region-loss            // any one region may fail
  require blast-radius cell-loss <= 25%  // share of customers whose requests fail when one cell fails

  global {
    /** Public DNS: fails over between the regions' load balancers. */
    route53 dns {
      entry
      health checks
      failover primary use1.edge secondary usw2.edge
    }
  }

  region use1 "us-east-1" {
    az a "use1-az1"
    az b "use1-az2"
    az c "use1-az3"

    alb edge in a, b, c {
      uses api
    }

    ecs api in a, b, c {
      launch fargate
      tasks 9
      needs 6                      // tasks needed at peak: losing one AZ must leave at least this many
      uses customerRouter
      uses sessions
      uses recommendations soft    // a soft dependency degrades the caller, it does not fail it
      uses clicks async
      uses orderQueue async
    }

    elasticache sessions in a, b, c {
      engine redis
      shards 2
      replicas 2                   // replicas per shard
      multi-az on
      failover auto
      snapshots retain 15d
    }

    eks recommendations {
      version "1.31"
      nodegroup general in a, b, c { min 3 max 9 instance "m6i.large" }
      nodegroup burst in a, b, c { min 0 max 6 instance "m6i.large" spot }
      fargate profile jobs { namespaces "jobs" }
      autoscaler on
    }

    /** Thin routing layer: maps each customer to 2 of the 4 payment cells. */
    router customerRouter over payments {
      partition by "customerId"
      shuffle shard 2
    }

    cell payments[4] in a, b, c {
      lambda authorize {
        vpc subnets a, b, c
        concurrency 200
        invoke sync
        timeout 10s
        versions alias live deploy canary 10%
        uses ledger
      }

      dynamodb ledger {
        pitr on
        backup daily retain 35d
      }
    }

    sqs orderQueue {
      dlq orderDlq after 5
      visibility 120s
    }
    sqs orderDlq

    ecs fulfilment in a, b, c {
      launch ec2
      tasks 6
      needs 3
      placement spread az, binpack memory
      constraint distinct-instance
      capacity min 3 max 12 instance "m6i.large"
      consumes orderQueue
      uses orders
      uses events async
    }

    dynamodb orders {
      sla 99.999%
      pitr on
      backup daily retain 35d
    }

    sns events {
      dlq eventsDlq
    }
    sqs eventsDlq

    lambda notify {
      invoke async retries 2
      dlq notifyDlq
      concurrency 50
      timeout 15s
      consumes events
    }
    sqs notifyDlq

    kinesis clicks {
      shards 4
      retention 24h
      consumer aggregator in a, b, c {
        workers 3
        checkpoint on
        on-failure clicksDlq
      }
    }
    sqs clicksDlq
  }

  /* A warm standby: enough to keep taking orders while us-east-1 is down. */
  region usw2 "us-west-2" {
    az a "usw2-az1"
    az b "usw2-az2"
    az c "usw2-az3"

    alb edge in a, b, c {
      uses api
    }

    ecs api in a, b, c {
      launch fargate
      tasks 6
      needs 4
      uses orders
    }

    dynamodb orders replica of use1.orders {
      pitr on
      backup daily retain 35d
    }
  }

  // Failures beyond the single ones that are always simulated.
  scenario badDeploy "a bad deploy takes out two payment cells" {
    fail use1.payments[1], use1.payments[3]
  }
  scenario zoneAndCell {
    fail use1.a, use1.payments[0]
  }
}
`;
